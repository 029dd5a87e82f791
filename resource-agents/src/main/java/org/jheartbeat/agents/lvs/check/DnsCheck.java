package org.jheartbeat.agents.lvs.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jheartbeat.agents.lvs.config.Protocol;
import org.jheartbeat.agents.lvs.config.ReceivePattern;

/**
 * {@code service=dns}: ask the real server (as a name server, over UDP, or TCP for a tcp
 * virtual) for the A records of the request name; up when an A record's address, or a PTR
 * record's name, matches the receive expression. An empty receive is never up, as in ldirectord.
 */
final class DnsCheck {

    private static final int TYPE_A = 1;
    private static final int TYPE_PTR = 12;
    private static final int MAX_ANSWERS = 256;

    private DnsCheck() {
    }

    static CheckResult check(CheckTarget t, Deadline deadline) throws IOException {
        if (t.receive().isEmpty()) {
            return CheckResult.down("No receive string configured for the dns check");
        }
        Pattern receive = ReceivePattern.compile(t.receive()).orElseThrow();
        String name = t.requestWithoutSlash();
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        int type = name.toLowerCase(java.util.Locale.ROOT).endsWith(".in-addr.arpa") ? TYPE_PTR : TYPE_A;
        byte[] query = query(id, name, type);
        byte[] answer = t.protocol() == Protocol.TCP ? overTcp(t, query, deadline) : overUdp(t, query, id, deadline);
        for (String value : answers(answer, id)) {
            if (receive.matcher(value).find()) {
                return CheckResult.up("Success");
            }
        }
        return CheckResult.down("Response mismatch");
    }

    static byte[] query(int id, String name, int type) throws IOException {
        ByteArrayOutputStream q = new ByteArrayOutputStream();
        q.write(id >> 8);
        q.write(id);
        q.write(0x01); // recursion desired
        q.write(0x00);
        q.write(new byte[] {0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length == 0) {
                continue;
            }
            if (bytes.length > 63) {
                throw new IOException("DNS label longer than 63 bytes: " + label);
            }
            q.write(bytes.length);
            q.write(bytes);
        }
        q.write(0);
        q.write(new byte[] {0, (byte) type, 0, 1});
        return q.toByteArray();
    }

    private static byte[] overUdp(CheckTarget t, byte[] query, int id, Deadline deadline) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress server = new InetSocketAddress(t.address(), t.checkPort());
            socket.send(new DatagramPacket(query, query.length, server));
            byte[] buffer = new byte[4096];
            while (true) {
                socket.setSoTimeout(deadline.remainingMillis());
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                socket.receive(reply);
                // Datagrams from elsewhere or for another query are not the answer.
                if (reply.getAddress().equals(t.address()) && reply.getLength() >= 2
                        && ((buffer[0] & 0xFF) << 8 | (buffer[1] & 0xFF)) == id) {
                    return java.util.Arrays.copyOf(buffer, reply.getLength());
                }
                if (deadline.passed()) {
                    throw new SocketTimeoutException("Connection timed out");
                }
            }
        }
    }

    private static byte[] overTcp(CheckTarget t, byte[] query, Deadline deadline) throws IOException {
        try (CheckConnection c = CheckConnection.open(t.address(), t.checkPort(), deadline)) {
            c.write(new String(new byte[] {(byte) (query.length >> 8), (byte) query.length},
                    StandardCharsets.ISO_8859_1) + new String(query, StandardCharsets.ISO_8859_1));
            byte[] length = c.readExactly(2);
            return c.readExactly((length[0] & 0xFF) << 8 | (length[1] & 0xFF));
        }
    }

    /** The A addresses and PTR names in the answer section. */
    static List<String> answers(byte[] message, int id) throws IOException {
        try {
            ByteBuffer b = ByteBuffer.wrap(message);
            if ((b.getShort() & 0xFFFF) != id) {
                throw new IOException("DNS answer for another query");
            }
            int flags = b.getShort() & 0xFFFF;
            if ((flags & 0x8000) == 0 || (flags & 0x000F) != 0) {
                return List.of();
            }
            int questions = b.getShort() & 0xFFFF;
            int answers = Math.min(b.getShort() & 0xFFFF, MAX_ANSWERS);
            b.position(12);
            for (int i = 0; i < questions; i++) {
                name(message, b);
                b.position(b.position() + 4);
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                name(message, b);
                int type = b.getShort() & 0xFFFF;
                b.position(b.position() + 6);
                int length = b.getShort() & 0xFFFF;
                int end = b.position() + length;
                if (type == TYPE_A && length == 4) {
                    byte[] a = new byte[4];
                    b.get(a);
                    values.add(InetAddress.getByAddress(a).getHostAddress());
                } else if (type == TYPE_PTR) {
                    values.add(name(message, b));
                }
                b.position(end);
            }
            return values;
        } catch (RuntimeException e) {
            throw new IOException("malformed DNS answer", e);
        }
    }

    /** A (possibly compressed) domain name starting at the buffer's position, which moves past it. */
    private static String name(byte[] message, ByteBuffer b) {
        StringBuilder name = new StringBuilder();
        int position = b.position();
        int jumps = 0;
        int resume = -1;
        while (true) {
            int len = message[position] & 0xFF;
            if ((len & 0xC0) == 0xC0) {
                if (++jumps > 20) {
                    throw new IllegalArgumentException("DNS name compression loop");
                }
                if (resume < 0) {
                    resume = position + 2;
                }
                position = ((len & 0x3F) << 8) | (message[position + 1] & 0xFF);
                continue;
            }
            if (len == 0) {
                position++;
                break;
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(message, position + 1, len, StandardCharsets.US_ASCII));
            position += len + 1;
        }
        b.position(resume >= 0 ? resume : position);
        return name.toString();
    }
}
