package org.jheartbeat.agents.lvs.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * {@code service=pgsql}: the PostgreSQL frontend/backend protocol v3 as far as a check needs:
 * StartupMessage for login and database, password authentication (cleartext, MD5 or
 * SCRAM-SHA-256, whichever the server asks for), then the request as a simple Query. Up when the
 * query returns at least one row, as in ldirectord; an ErrorResponse is down with its message.
 */
final class PgsqlCheck {

    private static final int PROTOCOL_3 = 196608;
    private static final int MAX_MESSAGE = 1024 * 1024;

    private PgsqlCheck() {
    }

    static CheckResult check(CheckTarget t, Deadline deadline) throws IOException {
        String user = t.settings().login();
        String password = t.settings().password();
        try (CheckConnection c = CheckConnection.open(t.address(), t.checkPort(), deadline)) {
            c.write(startup(user, t.settings().database()));
            Scram scram = null;
            boolean ready = false;
            while (!ready) {
                Message m = read(c);
                switch (m.type()) {
                    case 'E' -> {
                        return CheckResult.down(errorText(m.body()));
                    }
                    case 'R' -> {
                        ByteBuffer b = ByteBuffer.wrap(m.body());
                        int code = b.getInt();
                        switch (code) {
                            case 0 -> { }
                            case 3 -> c.write(message('p', cString(password)));
                            case 5 -> {
                                byte[] salt = new byte[4];
                                b.get(salt);
                                c.write(message('p', cString(md5Password(user, password, salt))));
                            }
                            case 10 -> {
                                if (!new String(m.body(), StandardCharsets.UTF_8).contains("SCRAM-SHA-256")) {
                                    return CheckResult.down("unsupported SASL mechanisms");
                                }
                                scram = new Scram(password);
                                byte[] first = scram.clientFirst().getBytes(StandardCharsets.UTF_8);
                                ByteArrayOutputStream p = new ByteArrayOutputStream();
                                p.writeBytes(cString("SCRAM-SHA-256"));
                                p.writeBytes(ByteBuffer.allocate(4).putInt(first.length).array());
                                p.writeBytes(first);
                                c.write(message('p', p.toByteArray()));
                            }
                            case 11 -> {
                                if (scram == null) {
                                    throw new IOException("SASL continue without a SASL start");
                                }
                                String serverFirst = new String(m.body(), 4, m.body().length - 4, StandardCharsets.UTF_8);
                                c.write(message('p', scram.clientFinal(serverFirst).getBytes(StandardCharsets.UTF_8)));
                            }
                            case 12 -> {
                                String serverFinal = new String(m.body(), 4, m.body().length - 4, StandardCharsets.UTF_8);
                                if (scram == null || !scram.verifyServer(serverFinal)) {
                                    return CheckResult.down("server signature does not match");
                                }
                            }
                            default -> {
                                return CheckResult.down("unsupported authentication method " + code);
                            }
                        }
                    }
                    case 'Z' -> ready = true;
                    default -> { } // ParameterStatus, BackendKeyData, NoticeResponse
                }
            }
            c.write(message('Q', cString(t.requestWithoutSlash())));
            long rows = 0;
            String error = null;
            while (true) {
                Message m = read(c);
                if (m.type() == 'D') {
                    rows++;
                } else if (m.type() == 'E') {
                    error = errorText(m.body());
                } else if (m.type() == 'Z') {
                    break;
                }
            }
            c.write(message('X', new byte[0]));
            if (error != null) {
                return CheckResult.down(error);
            }
            return rows > 0 ? CheckResult.up("Success") : CheckResult.down("Response mismatch");
        }
    }

    record Message(char type, byte[] body) {
    }

    static Message read(CheckConnection c) throws IOException {
        byte[] head = c.readExactly(5);
        int length = ByteBuffer.wrap(head, 1, 4).getInt();
        if (length < 4 || length > MAX_MESSAGE) {
            throw new IOException("not a PostgreSQL message");
        }
        return new Message((char) (head[0] & 0xFF), c.readExactly(length - 4));
    }

    static byte[] startup(String user, String database) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ByteBuffer.allocate(4).putInt(PROTOCOL_3).array());
        body.writeBytes(cString("user"));
        body.writeBytes(cString(user));
        if (!database.isEmpty()) {
            body.writeBytes(cString("database"));
            body.writeBytes(cString(database));
        }
        body.write(0);
        byte[] b = body.toByteArray();
        return ByteBuffer.allocate(4 + b.length).putInt(4 + b.length).put(b).array();
    }

    static byte[] message(char type, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) type).putInt(4 + body.length).put(body).array();
    }

    static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }

    /** {@code "md5" + md5hex(md5hex(password + user) + salt)}. */
    static String md5Password(String user, String password, byte[] salt) {
        HexFormat hex = HexFormat.of();
        String inner = hex.formatHex(RadiusCheck.md5((password + user).getBytes(StandardCharsets.UTF_8)));
        return "md5" + hex.formatHex(RadiusCheck.md5(inner.getBytes(StandardCharsets.US_ASCII), salt));
    }

    /** The human-readable message (field M) of an ErrorResponse. */
    static String errorText(byte[] body) {
        int i = 0;
        while (i < body.length && body[i] != 0) {
            char field = (char) body[i];
            int end = i + 1;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            if (field == 'M') {
                return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
            }
            i = end + 1;
        }
        return "error";
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
