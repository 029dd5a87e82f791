package org.jheartbeat.agents.lvs.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * {@code service=mysql}: the MySQL client/server protocol as far as a check needs: the server's
 * handshake (protocol 10), a login with {@code mysql_native_password} or the fast path of
 * {@code caching_sha2_password} (following an auth switch), the database chosen at login, then
 * the request as COM_QUERY. Up when it returns at least one row, as in ldirectord; an ERR packet
 * is down with its message. A {@code caching_sha2_password} account whose password the server has
 * not cached needs TLS or RSA for a full authentication, which this check does not do: it is down
 * with a message saying so.
 */
final class MysqlCheck {

    private static final int CLIENT_LONG_PASSWORD = 0x1;
    private static final int CLIENT_CONNECT_WITH_DB = 0x8;
    private static final int CLIENT_PROTOCOL_41 = 0x200;
    private static final int CLIENT_TRANSACTIONS = 0x2000;
    private static final int CLIENT_SECURE_CONNECTION = 0x8000;
    private static final int CLIENT_PLUGIN_AUTH = 0x80000;
    private static final int UTF8_GENERAL_CI = 33;
    private static final int MAX_ROWS_READ = 100_000;
    /** A server greeting is about a hundred bytes; anything much larger is another protocol. */
    private static final int MAX_HANDSHAKE = 4096;

    private MysqlCheck() {
    }

    /** One packet: its sequence number and payload. */
    record Packet(int sequence, byte[] payload) {
        int first() {
            return payload.length == 0 ? -1 : payload[0] & 0xFF;
        }

        boolean isEof() {
            return first() == 0xFE && payload.length < 9;
        }
    }

    static CheckResult check(CheckTarget t, Deadline deadline) throws IOException {
        try (CheckConnection c = CheckConnection.open(t.address(), t.checkPort(), deadline)) {
            Packet hello = read(c, MAX_HANDSHAKE);
            if (hello.first() == 0xFF) {
                return CheckResult.down(errorText(hello.payload()));
            }
            if (hello.first() != 10) {
                return CheckResult.down("not a MySQL handshake");
            }
            Handshake h = Handshake.parse(hello.payload());
            String password = t.settings().password();
            String database = t.settings().database();
            c.write(packet(1, handshakeResponse(t.settings().login(), database,
                    scramble(h.plugin(), password, h.scramble()), h.plugin())));
            Packet answer = read(c);
            for (int rounds = 0; rounds < 4; rounds++) {
                if (answer.first() == 0xFE) { // auth switch: another plugin and scramble
                    byte[] p = answer.payload();
                    int end = indexOf(p, 1);
                    String plugin = new String(p, 1, end - 1, StandardCharsets.US_ASCII);
                    byte[] seed = Arrays.copyOfRange(p, end + 1, Math.max(end + 1, p.length - 1));
                    c.write(packet(answer.sequence() + 1, scramble(plugin, password, seed)));
                    answer = read(c);
                } else if (answer.first() == 0x01 && answer.payload().length >= 2) {
                    int status = answer.payload()[1];
                    if (status == 3) { // caching_sha2_password: the fast path worked, OK follows
                        answer = read(c);
                    } else {
                        return CheckResult.down("caching_sha2_password needs TLS or RSA for a full"
                                + " authentication, which the check does not do");
                    }
                } else {
                    break;
                }
            }
            if (answer.first() == 0xFF) {
                return CheckResult.down(errorText(answer.payload()));
            }
            if (answer.first() != 0x00) {
                return CheckResult.down("Response mismatch");
            }
            byte[] query = t.requestWithoutSlash().getBytes(StandardCharsets.UTF_8);
            byte[] command = new byte[query.length + 1];
            command[0] = 0x03; // COM_QUERY
            System.arraycopy(query, 0, command, 1, query.length);
            c.write(packet(0, command));
            CheckResult result = rows(c);
            c.write(packet(0, new byte[] {0x01})); // COM_QUIT
            return result;
        }
    }

    private static CheckResult rows(CheckConnection c) throws IOException {
        Packet first = read(c);
        if (first.first() == 0xFF) {
            return CheckResult.down(errorText(first.payload()));
        }
        if (first.first() == 0x00) {
            return CheckResult.down("Response mismatch"); // a statement without a result set
        }
        // Column count, the column definitions, an EOF, then rows until EOF (no DEPRECATE_EOF asked for).
        Packet p = read(c);
        while (!p.isEof()) {
            p = read(c);
        }
        long rows = 0;
        for (int i = 0; i < MAX_ROWS_READ; i++) {
            p = read(c);
            if (p.first() == 0xFF) {
                return CheckResult.down(errorText(p.payload()));
            }
            if (p.isEof()) {
                break;
            }
            rows++;
        }
        return rows > 0 ? CheckResult.up("Success") : CheckResult.down("Response mismatch");
    }

    /** What the server's first packet says that the login needs. */
    record Handshake(String serverVersion, byte[] scramble, String plugin) {
        static Handshake parse(byte[] p) throws IOException {
            try {
                int i = 1;
                int versionEnd = indexOf(p, i);
                String version = new String(p, i, versionEnd - i, StandardCharsets.US_ASCII);
                i = versionEnd + 1 + 4; // connection id
                byte[] part1 = Arrays.copyOfRange(p, i, i + 8);
                i += 8 + 1; // filler
                i += 2; // capability flags, lower half
                if (i >= p.length) {
                    return new Handshake(version, part1, "mysql_native_password");
                }
                i += 1 + 2 + 2; // character set, status, capability flags, upper half
                int authLength = p[i] & 0xFF;
                i += 1 + 10;
                int part2Length = Math.max(13, authLength - 8);
                byte[] part2 = Arrays.copyOfRange(p, i, Math.min(p.length, i + part2Length));
                i += part2Length;
                String plugin = i < p.length ? new String(p, i, indexOf(p, i) - i, StandardCharsets.US_ASCII)
                        : "mysql_native_password";
                byte[] scramble = new byte[20];
                System.arraycopy(part1, 0, scramble, 0, 8);
                System.arraycopy(part2, 0, scramble, 8, Math.min(12, part2.length));
                return new Handshake(version, scramble, plugin);
            } catch (IndexOutOfBoundsException e) {
                throw new IOException("malformed MySQL handshake", e);
            }
        }
    }

    static byte[] handshakeResponse(String user, String database, byte[] auth, String plugin) {
        int caps = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION
                | CLIENT_PLUGIN_AUTH | (database.isEmpty() ? 0 : CLIENT_CONNECT_WITH_DB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).putInt(caps).putInt(16 * 1024 * 1024)
                .put((byte) UTF8_GENERAL_CI).array());
        out.writeBytes(new byte[23]);
        out.writeBytes(PgsqlCheck.cString(user));
        out.write(auth.length);
        out.writeBytes(auth);
        if (!database.isEmpty()) {
            out.writeBytes(PgsqlCheck.cString(database));
        }
        out.writeBytes(PgsqlCheck.cString(plugin));
        return out.toByteArray();
    }

    /** The login proof for a plugin; empty for an empty password, as the protocol wants. */
    static byte[] scramble(String plugin, String password, byte[] seed) throws IOException {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        return switch (plugin) {
            case "mysql_native_password" -> {
                // SHA1(password) XOR SHA1(seed + SHA1(SHA1(password)))
                byte[] stage1 = digest("SHA-1", pw);
                byte[] mask = digest("SHA-1", seed, digest("SHA-1", stage1));
                yield xor(stage1, mask);
            }
            case "caching_sha2_password" -> {
                // SHA256(password) XOR SHA256(SHA256(SHA256(password)) + seed)
                byte[] stage1 = digest("SHA-256", pw);
                byte[] mask = digest("SHA-256", digest("SHA-256", stage1), seed);
                yield xor(stage1, mask);
            }
            default -> throw new IOException("unsupported MySQL authentication plugin " + plugin);
        };
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (byte) (a[i] ^ b[i]);
        }
        return r;
    }

    static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance(algorithm);
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }

    static byte[] packet(int sequence, byte[] payload) {
        byte[] p = new byte[4 + payload.length];
        p[0] = (byte) payload.length;
        p[1] = (byte) (payload.length >> 8);
        p[2] = (byte) (payload.length >> 16);
        p[3] = (byte) sequence;
        System.arraycopy(payload, 0, p, 4, payload.length);
        return p;
    }

    static Packet read(CheckConnection c) throws IOException {
        return read(c, 1024 * 1024);
    }

    private static Packet read(CheckConnection c, int max) throws IOException {
        byte[] head = c.readExactly(4);
        int length = (head[0] & 0xFF) | (head[1] & 0xFF) << 8 | (head[2] & 0xFF) << 16;
        if (length > max) {
            throw new IOException(max == MAX_HANDSHAKE ? "not a MySQL handshake" : "MySQL packet of " + length + " bytes");
        }
        return new Packet(head[3] & 0xFF, c.readExactly(length));
    }

    /** The message of an ERR packet (after its code and SQL state). */
    static String errorText(byte[] p) {
        int i = 3;
        if (p.length > i && p[i] == '#') {
            i += 6;
        }
        return i < p.length ? new String(p, i, p.length - i, StandardCharsets.UTF_8) : "error";
    }

    private static int indexOf(byte[] p, int from) throws IOException {
        for (int i = from; i < p.length; i++) {
            if (p[i] == 0) {
                return i;
            }
        }
        throw new IOException("malformed MySQL packet");
    }
}
