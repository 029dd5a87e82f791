package org.jheartbeat.agents.lvs.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who hears about changes of one virtual: e-mail alerts and the monitor file.
 *
 * @param emailTo        recipients; empty = no e-mail
 * @param repeatSeconds  {@code emailalertfreq}, 0 = no repeats
 * @param phases         daemon phases in which alerts are sent ({@code starting}, {@code running},
 *                       {@code stopping}, {@code reloading})
 * @param smtpHost       relay, absent = the local mailer
 */
public record Alerts(List<String> emailTo, int repeatSeconds, Set<String> phases, Optional<String> smtpHost,
                     Optional<String> emailFrom, Optional<String> serviceName, Optional<String> comment,
                     Optional<String> monitorFile) {

    public Alerts {
        emailTo = List.copyOf(emailTo);
        phases = Set.copyOf(phases);
    }
}
