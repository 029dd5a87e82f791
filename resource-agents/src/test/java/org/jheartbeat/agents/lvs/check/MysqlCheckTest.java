package org.jheartbeat.agents.lvs.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The mysql check against a small real MySQL-protocol server: handshake v10, login of
 * {@code checker}/{@code pw} into database {@code app} with {@code mysql_native_password} (also
 * after an auth switch from {@code caching_sha2_password}), and COM_QUERY returning one row or none.
 */
class MysqlCheckTest {

    private static final byte[] SEED = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);

    private final HealthChecks checks = new HealthChecks(Tls.unverified(), "director.test");

    private CheckResult check(int port, String... extra) throws InterruptedException {
        return checks.run(Targets.of("10.0.0.1:3306", List.of(extra), "real=127.0.0.1:" + port + " gate",
                "negotiatetimeout=2", "database=\"app\"", "login=\"checker\""));
    }

    private static void packet(DataOutputStream out, int sequence, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) payload.length, (byte) (payload.length >> 8), (byte) (payload.length >> 16),
                (byte) sequence});
        out.write(payload);
    }

    private static byte[] read(DataInputStream in) throws IOException {
        byte[] head = new byte[4];
        in.readFully(head);
        byte[] payload = new byte[(head[0] & 0xFF) | (head[1] & 0xFF) << 8 | (head[2] & 0xFF) << 16];
        in.readFully(payload);
        return payload;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] z(String s) {
        return (s + "\0").getBytes(StandardCharsets.UTF_8);
    }

    /** SHA1(pw) XOR SHA1(seed + SHA1(SHA1(pw))), computed on the server's side to compare. */
    private static byte[] expectedProof(String password) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] stage1 = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = sha1.digest(stage1);
        sha1.update(SEED);
        byte[] mask = sha1.digest(stage2);
        for (int i = 0; i < stage1.length; i++) {
            stage1[i] ^= mask[i];
        }
        return stage1;
    }

    private static StreamPeer mysql(boolean switchPlugin) throws IOException {
        return new StreamPeer((in, out) -> {
            String plugin = switchPlugin ? "caching_sha2_password" : "mysql_native_password";
            byte[] caps = {(byte) 0xFF, (byte) 0xF7}; // lower capability bits
            byte[] capsHigh = {(byte) 0xFF, (byte) 0x81};
            packet(out, 0, concat(new byte[] {10}, z("8.0.36-test"), new byte[] {1, 0, 0, 0},
                    Arrays.copyOfRange(SEED, 0, 8), new byte[] {0}, caps, new byte[] {33, 2, 0}, capsHigh,
                    new byte[] {21}, new byte[10], Arrays.copyOfRange(SEED, 8, 20), new byte[] {0}, z(plugin)));
            out.flush();
            byte[] login = read(in);
            int i = 32;
            int userEnd = i;
            while (login[userEnd] != 0) {
                userEnd++;
            }
            String user = new String(login, i, userEnd - i, StandardCharsets.UTF_8);
            i = userEnd + 1;
            byte[] proof = Arrays.copyOfRange(login, i + 1, i + 1 + (login[i] & 0xFF));
            i += 1 + (login[i] & 0xFF);
            int dbEnd = i;
            while (login[dbEnd] != 0) {
                dbEnd++;
            }
            String database = new String(login, i, dbEnd - i, StandardCharsets.UTF_8);
            int sequence = 2;
            if (switchPlugin) {
                packet(out, sequence, concat(new byte[] {(byte) 0xFE}, z("mysql_native_password"), SEED,
                        new byte[] {0}));
                out.flush();
                proof = read(in);
                sequence += 2;
            }
            try {
                if (!user.equals("checker") || !database.equals("app")
                        || !Arrays.equals(proof, expectedProof("pw"))) {
                    packet(out, sequence, concat(new byte[] {(byte) 0xFF, 0x15, 0x04}, "#28000".getBytes(
                            StandardCharsets.US_ASCII), "Access denied for user 'checker'".getBytes(
                            StandardCharsets.UTF_8)));
                    return;
                }
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            packet(out, sequence, new byte[] {0, 0, 0, 2, 0, 0, 0});
            out.flush();
            while (true) {
                byte[] command = read(in);
                if (command[0] == 0x01) {
                    return;
                }
                String sql = new String(command, 1, command.length - 1, StandardCharsets.UTF_8);
                byte[] eof = {(byte) 0xFE, 0, 0, 2, 0};
                if (sql.startsWith("SELECT")) {
                    packet(out, 1, new byte[] {1});
                    packet(out, 2, concat(new byte[] {3}, "def".getBytes(StandardCharsets.US_ASCII),
                            new byte[] {0, 0, 0, 1, '1', 0, 0x0c, 33, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0}));
                    packet(out, 3, eof);
                    int seq = 4;
                    if (sql.equals("SELECT 1")) {
                        packet(out, seq++, new byte[] {1, '1'});
                    }
                    packet(out, seq, eof);
                } else {
                    packet(out, 1, concat(new byte[] {(byte) 0xFF, 0x28, 0x04}, "#42000".getBytes(
                            StandardCharsets.US_ASCII), "You have an error in your SQL syntax".getBytes(
                            StandardCharsets.UTF_8)));
                }
                out.flush();
            }
        });
    }

    @Test
    void upWhenTheQueryReturnsARow() throws Exception {
        try (StreamPeer direct = mysql(false); StreamPeer switching = mysql(true)) {
            assertEquals(CheckResult.up("Success"), check(direct.port(), "passwd=\"pw\"", "request=\"SELECT 1\""));
            assertEquals(CheckResult.up("Success"), check(switching.port(), "passwd=\"pw\"",
                    "request=\"SELECT 1\""));
        }
    }

    @Test
    void downOnWrongPasswordNoRowsOrABadQuery() throws Exception {
        try (StreamPeer server = mysql(false)) {
            assertEquals(CheckResult.down("Access denied for user 'checker'"),
                    check(server.port(), "passwd=\"wrong\"", "request=\"SELECT 1\""));
            assertEquals(CheckResult.down("Response mismatch"),
                    check(server.port(), "passwd=\"pw\"", "request=\"SELECT 1 FROM DUAL WHERE 0\""));
            assertEquals(CheckResult.down("You have an error in your SQL syntax"),
                    check(server.port(), "passwd=\"pw\"", "request=\"SELEKT\""));
        }
    }

    @Test
    void downWhenNotMysqlRefusedOrSilent() throws Exception {
        try (LinePeer http = new LinePeer((in, out) -> out.print("HTTP/1.1 400 Bad Request\r\n\r\n"));
             LinePeer silent = LinePeer.silent()) {
            assertEquals(CheckResult.down("not a MySQL handshake"), check(http.port(), "request=\"SELECT 1\""));
            assertEquals(CheckResult.down("Connection timed out"), check(silent.port(), "request=\"SELECT 1\""));
            assertEquals(CheckResult.down("Connection failed"), check(LinePeer.refusedPort(), "request=\"SELECT 1\""));
        }
    }
}
