package org.jheartbeat.agents.lvs;

import java.util.List;
import java.util.Optional;

/**
 * One e-mail alert as ldirectord sends it (spec §7.7): the subject is the log line (prefixed
 * {@code [SERVICENAME] } when the virtual has one), the body names the host, the line and the
 * daemon's phase.
 *
 * @param from the From: address; empty lets the mailer choose (the SMTP envelope uses USER@HOSTNAME)
 */
record AlertMail(List<String> to, Optional<String> from, String subject, String body) {

    AlertMail {
        to = List.copyOf(to);
    }

    static AlertMail of(List<String> to, Optional<String> from, Optional<String> serviceName,
                        Optional<String> comment, String host, String line, String phase) {
        StringBuilder body = new StringBuilder()
                .append("ldirectord host: ").append(host).append('\n')
                .append("Log-Message: ").append(line).append('\n')
                .append("Daemon-Status: ").append(phase).append('\n');
        serviceName.ifPresent(s -> body.append("Service name: ").append(s).append('\n'));
        comment.ifPresent(c -> body.append("Comment: ").append(c).append('\n'));
        String subject = serviceName.map(s -> "[" + s + "] ").orElse("") + line;
        return new AlertMail(to, from, subject, body.toString());
    }

    /** The message as a mailer takes it: headers, a blank line, the body; CRLF line ends. */
    String message() {
        StringBuilder text = new StringBuilder();
        from.ifPresent(f -> text.append("From: ").append(f).append("\r\n"));
        text.append("To: ").append(String.join(", ", to)).append("\r\n");
        text.append("Subject: ").append(subject).append("\r\n\r\n");
        text.append(body.replace("\n", "\r\n"));
        return text.toString();
    }
}
