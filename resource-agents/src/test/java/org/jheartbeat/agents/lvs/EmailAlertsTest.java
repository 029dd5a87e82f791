package org.jheartbeat.agents.lvs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jheartbeat.agents.lvs.config.Alerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ldirectord's e-mail alerts, delivered over SMTP to a real (small) mail server. */
class EmailAlertsTest {

    private static final Set<String> ALL = Set.of("starting", "running", "stopping", "reloading");

    @TempDir
    Path dir;

    private static Alerts alerts(int repeatSeconds, Set<String> phases, Optional<String> serviceName) {
        return new Alerts(List.of("ops@example.test", "noc@example.test"), repeatSeconds, phases,
                Optional.of("127.0.0.1"), Optional.of("lvs@example.test"), serviceName, Optional.of("front web"),
                Optional.empty());
    }

    /** Alerts through {@link SmtpClient} to {@code receiver}, whatever smtp host the settings name. */
    private EmailAlerts to(SmtpReceiver receiver, LdirectordLog log) {
        return new EmailAlerts(log, "director1", (mail, host) ->
                new SmtpClient("127.0.0.1", receiver.port(), "director1").send(mail, mail.from().orElseThrow()));
    }

    @Test
    void aChangeIsMailedWithLdirectordsSubjectAndBody() throws Exception {
        Path logFile = dir.resolve("ldirectord.log");
        try (SmtpReceiver receiver = new SmtpReceiver(); LdirectordLog log = new LdirectordLog("ldirectord.cf");
             EmailAlerts alerts = to(receiver, log)) {
            log.target(logFile.toString());
            alerts.changed(alerts(0, ALL, Optional.of("web")), "running",
                    "Deleted real server: 10.0.0.2:80 (10.0.0.100:80)");
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.messages.size() == 1);
            SmtpReceiver.Message m = receiver.messages.getFirst();
            assertEquals("lvs@example.test", m.envelopeFrom());
            assertEquals(List.of("ops@example.test", "noc@example.test"), m.recipients());
            assertTrue(m.data().contains("Subject: [web] Deleted real server: 10.0.0.2:80 (10.0.0.100:80)\n"), m.data());
            assertTrue(m.data().contains("\n\nldirectord host: director1\nLog-Message: Deleted real server: 10.0.0.2:80"
                    + " (10.0.0.100:80)\nDaemon-Status: running\nService name: web\nComment: front web\n"), m.data());
            assertTrue(Files.readString(logFile).contains(
                    "emailalert: [web] Deleted real server: 10.0.0.2:80 (10.0.0.100:80)"));
        }
    }

    @Test
    void aPhaseOutsideEmailalertstatusSendsNothing() throws Exception {
        try (SmtpReceiver receiver = new SmtpReceiver(); LdirectordLog log = new LdirectordLog("ldirectord.cf");
             EmailAlerts alerts = to(receiver, log)) {
            alerts.changed(alerts(0, Set.of("starting"), Optional.empty()), "running",
                    "Deleted real server: 10.0.0.2:80 (10.0.0.100:80)");
            alerts.changed(alerts(0, Set.of("starting"), Optional.empty()), "starting",
                    "Added real server: 10.0.0.3:80 (10.0.0.100:80) (Weight set to 1)");
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.messages.size() == 1);
            assertTrue(receiver.messages.getFirst().data().contains("Subject: Added real server: 10.0.0.3:80"));
        }
    }

    @Test
    void aRealThatStaysDownIsMailedAgainUntilItReturns() throws Exception {
        try (SmtpReceiver receiver = new SmtpReceiver(); LdirectordLog log = new LdirectordLog("ldirectord.cf");
             EmailAlerts alerts = to(receiver, log)) {
            Alerts settings = alerts(1, ALL, Optional.empty());
            alerts.changed(settings, "running", "Quiescent real server: 10.0.0.2:80 (10.0.0.100:80) (Weight set to 0)");
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.messages.size() >= 3);
            assertTrue(receiver.messages.get(1).data()
                    .contains("Subject: Inaccessible real server: 10.0.0.2:80 (10.0.0.100:80)\n"));
            alerts.changed(settings, "running", "Restored real server: 10.0.0.2:80 (10.0.0.100:80) (Weight set to 1)");
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.messages.stream()
                    .anyMatch(m -> m.data().contains("Subject: Restored real server")));
            int after = receiver.messages.size();
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                    .until(() -> receiver.messages.size() == after);
        }
    }

    @Test
    void aRelayThatIsNotThereIsLogged() throws Exception {
        Path logFile = dir.resolve("ldirectord.log");
        int closedPort;
        try (SmtpReceiver gone = new SmtpReceiver()) {
            closedPort = gone.port();
        }
        try (LdirectordLog log = new LdirectordLog("ldirectord.cf");
             EmailAlerts alerts = new EmailAlerts(log, "director1", (mail, host) ->
                     new SmtpClient("127.0.0.1", closedPort, "director1").send(mail, "root@director1"))) {
            log.target(logFile.toString());
            alerts.changed(alerts(0, ALL, Optional.empty()), "running",
                    "Deleted real server: 10.0.0.2:80 (10.0.0.100:80)");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(logFile)
                    && Files.readString(logFile).contains("failed to send SMTP email message"));
        }
    }
}
