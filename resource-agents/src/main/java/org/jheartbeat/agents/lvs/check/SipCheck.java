package org.jheartbeat.agents.lvs.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.jheartbeat.agents.lvs.config.Protocol;

/**
 * {@code service=sip}: an {@code OPTIONS sip:LOGIN SIP/2.0} request (login defaults to
 * {@code ldirectord@HOST}) over the virtual's protocol, UDP or TCP; up when the first line of
 * the answer starts with {@code SIP/2.0 200 OK}, else down with that line.
 */
final class SipCheck {

    private static final String OK = "SIP/2.0 200 OK";

    private SipCheck() {
    }

    static CheckResult check(CheckTarget t, Deadline deadline) throws IOException {
        String statusLine = t.protocol() == Protocol.UDP ? overUdp(t, deadline) : overTcp(t, deadline);
        return statusLine.startsWith(OK) ? CheckResult.up(statusLine) : CheckResult.down(statusLine);
    }

    /** The request, with the Via naming where the answer must come back to. */
    static String request(String login, InetAddress local, int localPort, String transport) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String branch = "z9hG4bK" + HexFormat.of().toHexDigits(random.nextLong());
        String tag = HexFormat.of().toHexDigits(random.nextInt());
        String callId = HexFormat.of().toHexDigits(random.nextLong()) + "@" + local.getHostAddress();
        String host = local.getHostAddress().contains(":") ? "[" + local.getHostAddress() + "]"
                : local.getHostAddress();
        return "OPTIONS sip:" + login + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + host + ":" + localPort + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: sip:" + login + ";tag=" + tag + "\r\n"
                + "To: sip:" + login + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 63104 OPTIONS\r\n"
                + "Contact: sip:" + login + "\r\n"
                + "Accept: application/sdp\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String overUdp(CheckTarget t, Deadline deadline) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(new InetSocketAddress(t.address(), t.checkPort()));
            InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
            channel.write(ByteBuffer.wrap(request(t.settings().login(), local.getAddress(), local.getPort(), "UDP")
                    .getBytes(StandardCharsets.UTF_8)));
            byte[] buffer = new byte[8192];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            channel.socket().setSoTimeout(deadline.remainingMillis());
            try {
                channel.socket().receive(reply);
            } catch (PortUnreachableException e) {
                throw new ConnectException("Connection failed");
            }
            String text = new String(buffer, 0, reply.getLength(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).strip();
        }
    }

    private static String overTcp(CheckTarget t, Deadline deadline) throws IOException {
        try (CheckConnection c = CheckConnection.open(t.address(), t.checkPort(), deadline)) {
            InetSocketAddress local = c.localAddress();
            c.write(request(t.settings().login(), local.getAddress(), local.getPort(), "TCP"));
            String line = c.readLine();
            if (line == null) {
                throw new IOException("No answer received");
            }
            return line;
        }
    }
}
