package org.jheartbeat.agents.lvs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jheartbeat.agents.lvs.config.Alerts;

/**
 * ldirectord's e-mail alerts (spec §7.7). Every IPVS change is offered with the virtual's
 * {@link Alerts} and the daemon's phase; it is mailed when the virtual has recipients and the
 * phase is in {@code emailalertstatus}. A real server taken down (deleted or quiesced) is
 * mailed again every {@code emailalertfreq} seconds as {@code Inaccessible real server: ...}
 * until it comes back. Mail goes out on its own threads: a slow relay never holds up the checks.
 */
final class EmailAlerts implements AutoCloseable {

    /** Delivers one alert; {@code smtpHost} empty means the local mailer. */
    @FunctionalInterface
    interface Mailer {
        void send(AlertMail mail, Optional<String> smtpHost) throws IOException;
    }

    private final LdirectordLog log;
    private final String host;
    private final Mailer mailer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("emailalert-repeat").factory());
    private final Map<String, ScheduledFuture<?>> repeats = new HashMap<>();

    EmailAlerts(LdirectordLog log, String host, Mailer mailer) {
        this.log = log;
        this.host = host;
        this.mailer = mailer;
    }

    /** Alerts sent as ldirectord does: through {@code smtp=} on port 25, else {@code sendmail -t}. */
    static EmailAlerts standard(LdirectordLog log, String host) {
        String envelope = System.getProperty("user.name", "root") + "@" + host;
        return new EmailAlerts(log, host, (mail, smtpHost) -> {
            if (smtpHost.isPresent()) {
                new SmtpClient(smtpHost.get(), 25, host).send(mail, mail.from().orElse(envelope));
            } else {
                sendmail(mail);
            }
        });
    }

    /** An IPVS change was made: {@code line} is its log line. */
    synchronized void changed(Alerts alerts, String phase, String line) {
        if (alerts.emailTo().isEmpty()) {
            return;
        }
        if (alerts.phases().contains(phase)) {
            send(alerts, phase, line);
        }
        Optional<String> down = target(line, "Deleted real server: ", "Quiescent real server: ",
                "Readd Quiescent real server: ");
        Optional<String> up = target(line, "Added real server: ", "Restored real server: ");
        down.filter(t -> alerts.repeatSeconds() > 0).ifPresent(t -> repeats.computeIfAbsent(t, k ->
                timer.scheduleAtFixedRate(() -> send(alerts, "running", "Inaccessible real server: " + k),
                        alerts.repeatSeconds(), alerts.repeatSeconds(), TimeUnit.SECONDS)));
        up.map(repeats::remove).ifPresent(f -> f.cancel(false));
    }

    private void send(Alerts alerts, String phase, String line) {
        AlertMail mail = AlertMail.of(alerts.emailTo(), alerts.emailFrom(), alerts.serviceName(), alerts.comment(),
                host, line, phase);
        log.info("emailalert: {}", mail.subject());
        Thread.ofVirtual().name("emailalert").start(() -> {
            try {
                mailer.send(mail, alerts.smtpHost());
            } catch (IOException | RuntimeException e) {
                log.error(alerts.smtpHost().isPresent() ? "failed to send SMTP email message"
                        : "failed to send email message");
            }
        });
    }

    /** {@code RIP:PORT (VIP:PORT)} of a line that starts with one of {@code prefixes}. */
    private static Optional<String> target(String line, String... prefixes) {
        for (String prefix : prefixes) {
            int close = line.indexOf(')');
            if (line.startsWith(prefix) && close > prefix.length()) {
                return Optional.of(line.substring(prefix.length(), close + 1));
            }
        }
        return Optional.empty();
    }

    private static void sendmail(AlertMail mail) throws IOException {
        Process p = new ProcessBuilder("/usr/sbin/sendmail", "-t", "-i").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(mail.message().getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (p.waitFor() != 0) {
                throw new IOException("sendmail exited " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        repeats.clear();
    }
}
