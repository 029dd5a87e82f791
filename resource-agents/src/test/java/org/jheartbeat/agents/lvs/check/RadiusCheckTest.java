package org.jheartbeat.agents.lvs.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The radius check against a small real RADIUS server (RFC 2865) that recovers the password
 * with the shared secret and answers Access-Accept or Access-Reject.
 */
class RadiusCheckTest {

    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.US_ASCII);

    private final HealthChecks checks = new HealthChecks(Tls.unverified(), "director.test");

    private CheckResult check(int port, String... extra) throws InterruptedException {
        return checks.run(Targets.of("10.0.0.1:1812", List.of(extra), "real=127.0.0.1:" + port + " gate",
                "protocol=udp", "checktimeout=1", "secret=\"s3cret\"", "login=\"checker\""));
    }

    /** Accepts user checker with password "a long password, more than 16 bytes". */
    private static void serve(DatagramSocket socket, boolean wrongIdentifier) {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                socket.receive(p);
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, p.getLength());
                int code = b.get() & 0xFF;
                int id = b.get() & 0xFF;
                int length = b.getShort() & 0xFFFF;
                byte[] authenticator = new byte[16];
                b.get(authenticator);
                String user = null;
                String password = null;
                while (b.position() < length) {
                    int type = b.get() & 0xFF;
                    byte[] value = new byte[(b.get() & 0xFF) - 2];
                    b.get(value);
                    if (type == 1) {
                        user = new String(value, StandardCharsets.UTF_8);
                    } else if (type == 2) {
                        password = reveal(value, authenticator);
                    }
                }
                boolean accept = code == 1 && "checker".equals(user)
                        && "a long password, more than 16 bytes".equals(password);
                byte[] reply = new byte[20];
                ByteBuffer.wrap(reply).put((byte) (accept ? 2 : 3)).put((byte) (wrongIdentifier ? id + 1 : id))
                        .putShort((short) 20).put(md5(new byte[] {(byte) (accept ? 2 : 3), (byte) id, 0, 20},
                                authenticator, SECRET));
                socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The server's side of RFC 2865 §5.2: block i is c(i) XOR MD5(secret + c(i-1)), c(0) the authenticator. */
    private static String reveal(byte[] hidden, byte[] authenticator) {
        byte[] plain = new byte[hidden.length];
        byte[] previous = authenticator;
        for (int i = 0; i < hidden.length; i += 16) {
            byte[] key = md5(SECRET, previous);
            for (int j = 0; j < 16; j++) {
                plain[i + j] = (byte) (hidden[i + j] ^ key[j]);
            }
            previous = Arrays.copyOfRange(hidden, i, i + 16);
        }
        int end = plain.length;
        while (end > 0 && plain[end - 1] == 0) {
            end--;
        }
        return new String(plain, 0, end, StandardCharsets.UTF_8);
    }

    private static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) {
                md5.update(p);
            }
            return md5.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void acceptAndRejectBothMeanTheServerIsAlive() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> serve(server, false));
            assertEquals(CheckResult.up("Access-Accept"),
                    check(server.getLocalPort(), "passwd=\"a long password, more than 16 bytes\""));
            assertEquals(CheckResult.up("Access-Reject"), check(server.getLocalPort(), "passwd=\"wrong\""));
        }
    }

    @Test
    void downWhenTheAnswerIsForAnotherRequestOrThereIsNone() throws Exception {
        try (DatagramSocket confused = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> serve(confused, true));
            assertEquals(CheckResult.down("Connection timed out"), check(confused.getLocalPort(), "passwd=\"x\""));
            assertEquals(CheckResult.down("Connection timed out"), check(silent.getLocalPort(), "passwd=\"x\""));
        }
        int closed;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertEquals(CheckResult.down("Connection failed"), check(closed, "passwd=\"x\""));
    }
}
