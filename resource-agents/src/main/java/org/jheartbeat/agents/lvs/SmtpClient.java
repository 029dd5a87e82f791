package org.jheartbeat.agents.lvs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends an {@link AlertMail} through an SMTP relay (ldirectord.cf {@code smtp=}): greeting,
 * EHLO (HELO when refused), MAIL FROM, RCPT TO for each recipient, DATA with dot-stuffing,
 * QUIT. Any reply outside 2xx/3xx where one is expected fails the whole message.
 */
final class SmtpClient {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final String localHost;

    SmtpClient(String host, int port, String localHost) {
        this.host = host;
        this.port = port;
        this.localHost = localHost;
    }

    /** @param envelopeFrom the MAIL FROM address */
    void send(AlertMail mail, String envelopeFrom) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(in, 2);
            if (command(in, out, "EHLO " + localHost) != 2) {
                require(command(in, out, "HELO " + localHost), 2, "HELO");
            }
            require(command(in, out, "MAIL FROM:<" + envelopeFrom + ">"), 2, "MAIL FROM");
            for (String to : mail.to()) {
                require(command(in, out, "RCPT TO:<" + to + ">"), 2, "RCPT TO " + to);
            }
            require(command(in, out, "DATA"), 3, "DATA");
            StringBuilder data = new StringBuilder();
            for (String line : mail.message().split("\r\n", -1)) {
                data.append(line.startsWith(".") ? "." + line : line).append("\r\n");
            }
            out.write((data + ".\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            expect(in, 2);
            command(in, out, "QUIT");
        }
    }

    private static int command(BufferedReader in, OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply(in);
    }

    /** The first digit of the next reply; multi-line replies ({@code 250-...}) are read to their end. */
    private static int reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || line.length() < 3) {
                throw new IOException("the SMTP server closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line.charAt(0) - '0';
    }

    private static void expect(BufferedReader in, int digit) throws IOException {
        require(reply(in), digit, "greeting or end of data");
    }

    private static void require(int got, int digit, String step) throws IOException {
        if (got != digit) {
            throw new IOException("SMTP " + step + " refused (" + got + "xx)");
        }
    }
}
