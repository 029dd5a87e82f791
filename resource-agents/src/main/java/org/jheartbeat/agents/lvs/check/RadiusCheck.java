package org.jheartbeat.agents.lvs.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * {@code service=radius}: one Access-Request (RFC 2865) with User-Name = login and
 * User-Password = passwd hidden with the shared {@code secret}, over UDP to the real. As in
 * ldirectord any answer to it, Access-Accept or Access-Reject (or a Challenge), means the server
 * is alive; silence until the check timeout, or an ICMP port unreachable, means down. An answer
 * must carry the request's identifier to count.
 */
final class RadiusCheck {

    static final int ACCESS_REQUEST = 1;
    static final int ACCESS_ACCEPT = 2;
    static final int ACCESS_REJECT = 3;
    static final int ACCESS_CHALLENGE = 11;
    static final int USER_NAME = 1;
    static final int USER_PASSWORD = 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RadiusCheck() {
    }

    static CheckResult check(CheckTarget t, Deadline deadline) throws IOException {
        int id = RANDOM.nextInt(256);
        byte[] authenticator = new byte[16];
        RANDOM.nextBytes(authenticator);
        byte[] request = accessRequest(id, authenticator, t.settings().login(), t.settings().password(),
                t.settings().secret());
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(new InetSocketAddress(t.address(), t.checkPort()));
            channel.socket().setSoTimeout(deadline.remainingMillis());
            channel.write(ByteBuffer.wrap(request));
            byte[] buffer = new byte[4096];
            while (true) {
                channel.socket().setSoTimeout(deadline.remainingMillis());
                java.net.DatagramPacket reply = new java.net.DatagramPacket(buffer, buffer.length);
                try {
                    channel.socket().receive(reply);
                } catch (PortUnreachableException e) {
                    return CheckResult.down("Connection failed");
                }
                if (reply.getLength() >= 20 && (buffer[1] & 0xFF) == id) {
                    return switch (buffer[0] & 0xFF) {
                        case ACCESS_ACCEPT -> CheckResult.up("Access-Accept");
                        case ACCESS_REJECT -> CheckResult.up("Access-Reject");
                        case ACCESS_CHALLENGE -> CheckResult.up("Access-Challenge");
                        default -> CheckResult.down("Response mismatch");
                    };
                }
                if (deadline.passed()) {
                    throw new SocketTimeoutException("Connection timed out");
                }
            }
        }
    }

    /** An Access-Request packet. */
    static byte[] accessRequest(int id, byte[] authenticator, String user, String password, String secret) {
        ByteArrayOutputStream attributes = new ByteArrayOutputStream();
        attribute(attributes, USER_NAME, user.getBytes(StandardCharsets.UTF_8));
        attribute(attributes, USER_PASSWORD, hidePassword(password.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8), authenticator));
        int length = 20 + attributes.size();
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put((byte) ACCESS_REQUEST).put((byte) id).putShort((short) length).put(authenticator)
                .put(attributes.toByteArray());
        return b.array();
    }

    private static void attribute(ByteArrayOutputStream out, int type, byte[] value) {
        int length = Math.min(value.length, 253);
        out.write(type);
        out.write(length + 2);
        out.write(value, 0, length);
    }

    /**
     * RFC 2865 §5.2: the password padded to 16-byte blocks, each XORed with
     * MD5(secret + previous block), the first previous block being the request authenticator.
     * Also how a server recovers it (XOR is its own inverse given the hidden blocks).
     */
    static byte[] hidePassword(byte[] password, byte[] secret, byte[] authenticator) {
        int blocks = Math.max(1, Math.min(8, (password.length + 15) / 16));
        byte[] padded = new byte[blocks * 16];
        System.arraycopy(password, 0, padded, 0, Math.min(password.length, padded.length));
        byte[] hidden = new byte[padded.length];
        byte[] previous = authenticator;
        for (int i = 0; i < blocks; i++) {
            byte[] key = md5(secret, previous);
            for (int j = 0; j < 16; j++) {
                hidden[i * 16 + j] = (byte) (padded[i * 16 + j] ^ key[j]);
            }
            previous = java.util.Arrays.copyOfRange(hidden, i * 16, i * 16 + 16);
        }
        return hidden;
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) {
                md5.update(p);
            }
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
