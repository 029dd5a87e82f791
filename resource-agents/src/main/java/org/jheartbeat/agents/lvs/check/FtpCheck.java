package org.jheartbeat.agents.lvs.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jheartbeat.agents.lvs.config.ReceivePattern;

/**
 * {@code service=ftp}: greeting 220, USER/PASS (login and passwd, {@code anonymous} and
 * {@code ldirectord@HOST} by default) accepted with 230, then as ldirectord: {@code CWD /},
 * binary, passive, {@code RETR} the request (with its leading {@code /}), and up when the
 * downloaded content matches receive. An empty receive matches anything, even a failed
 * transfer, so then a successful login is enough and nothing is downloaded.
 *
 * <p>The data connection goes to the real server's address with the port from the 227 reply,
 * not to the address in that reply: behind NAT a server often announces an address the director
 * cannot reach, and a check must not be sent anywhere but the real server.
 */
final class FtpCheck {

    private static final Pattern PASSIVE = Pattern.compile("(\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)");
    private static final int MAX_FILE = 1024 * 1024;

    private FtpCheck() {
    }

    static CheckResult check(CheckTarget t, Deadline deadline) throws IOException {
        try (CheckConnection c = CheckConnection.open(t.address(), t.checkPort(), deadline)) {
            String greeting = TextProtocolChecks.smtpReply(c);
            if (!greeting.startsWith("220")) {
                return CheckResult.down(greeting);
            }
            c.write("USER " + t.settings().login() + "\r\n");
            String user = TextProtocolChecks.smtpReply(c);
            if (user.startsWith("331") || user.startsWith("332")) {
                c.write("PASS " + t.settings().password() + "\r\n");
                user = TextProtocolChecks.smtpReply(c);
            }
            if (!user.startsWith("230")) {
                return CheckResult.down(user);
            }
            if (t.receive().isEmpty()) {
                c.write("QUIT\r\n");
                return CheckResult.up("Success");
            }
            CheckResult result = retrieve(t, c, deadline);
            c.write("QUIT\r\n");
            return result;
        }
    }

    private static CheckResult retrieve(CheckTarget t, CheckConnection c, Deadline deadline) throws IOException {
        c.write("CWD /\r\n");
        TextProtocolChecks.smtpReply(c);
        c.write("TYPE I\r\n");
        TextProtocolChecks.smtpReply(c);
        c.write("PASV\r\n");
        String pasv = TextProtocolChecks.smtpReply(c);
        Matcher m = PASSIVE.matcher(pasv);
        if (!pasv.startsWith("227") || !m.find()) {
            return CheckResult.down(pasv);
        }
        int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
        if (port < 1 || port > 65535) {
            return CheckResult.down(pasv);
        }
        byte[] content;
        try (CheckConnection data = CheckConnection.open(t.address(), port, deadline)) {
            c.write("RETR " + t.request() + "\r\n");
            String started = TextProtocolChecks.smtpReply(c);
            if (!started.startsWith("1")) {
                return CheckResult.down(started);
            }
            content = data.readToEnd(MAX_FILE);
        }
        String done = TextProtocolChecks.smtpReply(c);
        if (!done.startsWith("2")) {
            return CheckResult.down(done);
        }
        Pattern receive = ReceivePattern.compile(t.receive()).orElseThrow();
        return receive.matcher(new String(content, StandardCharsets.ISO_8859_1)).find()
                ? CheckResult.up("Success") : CheckResult.down("Response mismatch");
    }
}
