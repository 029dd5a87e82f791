package org.jheartbeat.agents.lvs.check;

import java.io.IOException;

/**
 * The negotiate checks of line-based protocols, each speaking just enough of the protocol to
 * know the server works: smtp/submission (banner, EHLO, QUIT), pop/pops (greeting, USER/PASS
 * when a login is configured), imap/imaps (greeting, LOGIN when configured), nntp (a 2xx
 * greeting).
 */
final class TextProtocolChecks {

    private final Tls tls;
    private final String localHost;

    TextProtocolChecks(Tls tls, String localHost) {
        this.tls = tls;
        this.localHost = localHost;
    }

    CheckResult smtp(CheckTarget t, Deadline deadline) throws IOException {
        try (CheckConnection c = CheckConnection.open(t.address(), t.checkPort(), deadline)) {
            String banner = smtpReply(c);
            if (!banner.startsWith("2")) {
                return CheckResult.down(banner);
            }
            c.write("EHLO " + localHost + "\r\n");
            String hello = smtpReply(c);
            if (!hello.startsWith("2")) {
                c.write("HELO " + localHost + "\r\n");
                hello = smtpReply(c);
                if (!hello.startsWith("2")) {
                    return CheckResult.down(hello);
                }
            }
            c.write("QUIT\r\n");
            return CheckResult.up("Success");
        }
    }

    /** The last line of a (possibly multi-line, {@code 250-...}) SMTP or FTP reply. */
    static String smtpReply(CheckConnection c) throws IOException {
        for (int lines = 0; lines < 100; lines++) {
            String line = c.readLine();
            if (line == null) {
                throw new IOException("No answer received");
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
        throw new IOException("reply of more than 100 lines");
    }

    CheckResult pop(CheckTarget t, boolean secure, Deadline deadline) throws IOException {
        try (CheckConnection c = connect(t, secure, deadline)) {
            String greeting = line(c);
            if (!greeting.startsWith("+OK")) {
                return CheckResult.down(greeting);
            }
            String login = t.settings().login();
            if (!login.isEmpty()) {
                c.write("USER " + login + "\r\n");
                String user = line(c);
                if (!user.startsWith("+OK")) {
                    return CheckResult.down(user);
                }
                c.write("PASS " + t.settings().password() + "\r\n");
                String pass = line(c);
                if (!pass.startsWith("+OK")) {
                    return CheckResult.down(pass);
                }
            }
            c.write("QUIT\r\n");
            return CheckResult.up("Success");
        }
    }

    CheckResult imap(CheckTarget t, boolean secure, Deadline deadline) throws IOException {
        try (CheckConnection c = connect(t, secure, deadline)) {
            String greeting = line(c);
            if (!greeting.startsWith("* OK") && !greeting.startsWith("* PREAUTH")) {
                return CheckResult.down(greeting);
            }
            String login = t.settings().login();
            if (!login.isEmpty()) {
                c.write("a1 LOGIN " + imapString(login) + " " + imapString(t.settings().password()) + "\r\n");
                String answer;
                do {
                    answer = line(c);
                } while (answer.startsWith("* "));
                if (!answer.startsWith("a1 OK")) {
                    return CheckResult.down(answer);
                }
            }
            c.write("a2 LOGOUT\r\n");
            return CheckResult.up("Success");
        }
    }

    CheckResult nntp(CheckTarget t, Deadline deadline) throws IOException {
        try (CheckConnection c = CheckConnection.open(t.address(), t.checkPort(), deadline)) {
            String greeting = line(c);
            String first = greeting.length() > 64 ? greeting.substring(0, 64) : greeting;
            return first.startsWith("2") ? CheckResult.up(first) : CheckResult.down(first);
        }
    }

    private CheckConnection connect(CheckTarget t, boolean secure, Deadline deadline) throws IOException {
        return secure ? CheckConnection.openTls(t.address(), t.checkPort(), t.virtualHost(), tls, deadline)
                : CheckConnection.open(t.address(), t.checkPort(), deadline);
    }

    private static String line(CheckConnection c) throws IOException {
        String line = c.readLine();
        if (line == null) {
            throw new IOException("No answer received");
        }
        return line;
    }

    private static String imapString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
