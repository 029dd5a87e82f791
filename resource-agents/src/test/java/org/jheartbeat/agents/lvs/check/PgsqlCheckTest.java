package org.jheartbeat.agents.lvs.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * The pgsql check against a small real PostgreSQL v3 protocol server: user {@code checker},
 * password {@code pw}, database {@code app}, MD5 or SCRAM-SHA-256 authentication (the server side
 * written here from the RFCs), and a query that returns one row or none.
 */
class PgsqlCheckTest {

    private final HealthChecks checks = new HealthChecks(Tls.unverified(), "director.test");

    private CheckResult check(int port, String... extra) throws InterruptedException {
        return checks.run(Targets.of("10.0.0.1:5432", List.of(extra), "real=127.0.0.1:" + port + " gate",
                "negotiatetimeout=2", "database=\"app\""));
    }

    private static void send(DataOutputStream out, char type, byte[] body) throws IOException {
        out.writeByte(type);
        out.writeInt(body.length + 4);
        out.write(body);
    }

    private static byte[] ints(int... values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int v : values) {
            b.writeBytes(new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
        }
        return b.toByteArray();
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

    private static void error(DataOutputStream out, String message) throws IOException {
        send(out, 'E', concat(z("SFATAL"), z("C28P01"), z("M" + message), new byte[] {0}));
    }

    /** A message from the client: type and body. */
    private record Msg(int type, byte[] body) {
    }

    private static Msg read(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        return new Msg(type, body);
    }

    private static byte[] hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> m = new HashMap<>();
        for (String part : message.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return m;
    }

    /** true when the client proved it knows "pw" (and the server proved it back). */
    private static boolean scram(DataInputStream in, DataOutputStream out) throws Exception {
        send(out, 'R', concat(ints(10), z("SCRAM-SHA-256"), new byte[] {0}));
        out.flush();
        byte[] initial = read(in).body();
        int mechanismEnd = 0;
        while (initial[mechanismEnd] != 0) {
            mechanismEnd++;
        }
        String clientFirst = new String(initial, mechanismEnd + 5, initial.length - mechanismEnd - 5,
                StandardCharsets.UTF_8);
        String clientFirstBare = clientFirst.substring(clientFirst.indexOf(",,") + 2);
        byte[] salt = "pepper-and-salt!".getBytes(StandardCharsets.US_ASCII);
        int iterations = 4096;
        String nonce = attributes(clientFirstBare).get("r") + "server-nonce";
        String serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
        send(out, 'R', concat(ints(11), serverFirst.getBytes(StandardCharsets.UTF_8)));
        out.flush();
        String clientFinal = new String(read(in).body(), StandardCharsets.UTF_8);
        String withoutProof = clientFinal.substring(0, clientFinal.lastIndexOf(",p="));
        byte[] proof = Base64.getDecoder().decode(attributes(clientFinal).get("p"));
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("pw".toCharArray(), salt, iterations, 256)).getEncoded();
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = hmac(storedKey, authMessage);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        if (!MessageDigest.isEqual(storedKey, MessageDigest.getInstance("SHA-256").digest(clientKey))) {
            return false;
        }
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(hmac(hmac(salted, "Server Key"), authMessage));
        send(out, 'R', concat(ints(12), serverFinal.getBytes(StandardCharsets.UTF_8)));
        return true;
    }

    private static boolean md5(DataInputStream in, DataOutputStream out) throws Exception {
        byte[] salt = {1, 2, 3, 4};
        send(out, 'R', concat(ints(5), salt));
        out.flush();
        String sent = new String(read(in).body(), StandardCharsets.UTF_8).replace("\0", "");
        HexFormat hex = HexFormat.of();
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        String inner = hex.formatHex(md5.digest("pwchecker".getBytes(StandardCharsets.UTF_8)));
        md5.update(inner.getBytes(StandardCharsets.US_ASCII));
        md5.update(salt);
        return sent.equals("md5" + hex.formatHex(md5.digest()));
    }

    private static StreamPeer postgres(boolean useScram) throws IOException {
        return new StreamPeer((in, out) -> {
            byte[] startup = new byte[in.readInt() - 4];
            in.readFully(startup);
            String params = new String(startup, 4, startup.length - 4, StandardCharsets.UTF_8);
            try {
                if (!params.equals("user\0checker\0database\0app\0\0")) {
                    error(out, "role or database does not exist: " + params.replace('\0', ' ').strip());
                    return;
                }
                if (!(useScram ? scram(in, out) : md5(in, out))) {
                    error(out, "password authentication failed for user \"checker\"");
                    return;
                }
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            send(out, 'R', ints(0));
            send(out, 'S', concat(z("server_version"), z("16.0")));
            send(out, 'Z', new byte[] {'I'});
            out.flush();
            for (Msg m = read(in); m.type() != 'X'; m = read(in)) {
                String sql = new String(m.body(), StandardCharsets.UTF_8).replace("\0", "");
                if (sql.equals("SELECT 1")) {
                    send(out, 'T', concat(new byte[] {0, 1}, z("?column?"), new byte[18]));
                    send(out, 'D', concat(new byte[] {0, 1}, ints(1), new byte[] {'1'}));
                    send(out, 'C', z("SELECT 1"));
                } else if (sql.equals("SELECT 1 WHERE false")) {
                    send(out, 'T', concat(new byte[] {0, 1}, z("?column?"), new byte[18]));
                    send(out, 'C', z("SELECT 0"));
                } else {
                    send(out, 'E', concat(z("SERROR"), z("C42601"), z("Msyntax error"), new byte[] {0}));
                }
                send(out, 'Z', new byte[] {'I'});
                out.flush();
            }
        });
    }

    @Test
    void upWhenTheQueryReturnsARowWithMd5OrScramLogin() throws Exception {
        try (StreamPeer md5 = postgres(false); StreamPeer scram = postgres(true)) {
            assertEquals(CheckResult.up("Success"), check(md5.port(), "login=\"checker\"", "passwd=\"pw\"",
                    "request=\"SELECT 1\""));
            assertEquals(CheckResult.up("Success"), check(scram.port(), "login=\"checker\"", "passwd=\"pw\"",
                    "request=\"SELECT 1\""));
        }
    }

    @Test
    void downOnWrongPasswordNoRowsOrABadQuery() throws Exception {
        try (StreamPeer md5 = postgres(false); StreamPeer scram = postgres(true)) {
            assertEquals(CheckResult.down("password authentication failed for user \"checker\""),
                    check(md5.port(), "login=\"checker\"", "passwd=\"wrong\"", "request=\"SELECT 1\""));
            assertEquals(CheckResult.down("password authentication failed for user \"checker\""),
                    check(scram.port(), "login=\"checker\"", "passwd=\"wrong\"", "request=\"SELECT 1\""));
            assertEquals(CheckResult.down("Response mismatch"), check(md5.port(), "login=\"checker\"",
                    "passwd=\"pw\"", "request=\"SELECT 1 WHERE false\""));
            assertEquals(CheckResult.down("syntax error"), check(md5.port(), "login=\"checker\"",
                    "passwd=\"pw\"", "request=\"SELEKT\""));
        }
    }

    @Test
    void aServerSendingNonsenseIsDownAndKeepsBeingChecked() throws Exception {
        try (StreamPeer shortAuth = new StreamPeer((in, out) -> {
            in.readFully(new byte[in.readInt() - 4]);
            send(out, 'R', new byte[] {0, 0}); // an authentication request too short to hold its code
        }); StreamPeer badSalt = new StreamPeer((in, out) -> {
            in.readFully(new byte[in.readInt() - 4]);
            send(out, 'R', concat(ints(10), z("SCRAM-SHA-256"), new byte[] {0}));
            out.flush();
            String first = new String(read(in).body(), StandardCharsets.UTF_8);
            String nonce = attributes(first.substring(first.indexOf("n,,") + 3)).get("r");
            send(out, 'R', concat(ints(11), ("r=" + nonce + "x,s=***not base64***,i=4096")
                    .getBytes(StandardCharsets.UTF_8)));
            out.flush();
            in.read();
        })) {
            assertEquals(CheckResult.down("malformed answer: BufferUnderflowException"),
                    check(shortAuth.port(), "login=\"checker\"", "passwd=\"pw\"", "request=\"SELECT 1\""));
            CheckResult r = check(badSalt.port(), "login=\"checker\"", "passwd=\"pw\"", "request=\"SELECT 1\"");
            assertFalse(r.up());
            assertTrue(r.message().startsWith("SCRAM: "), r.message());
        }
    }

    @Test
    void downWhenRefusedOrSilent() throws Exception {
        try (LinePeer silent = LinePeer.silent()) {
            assertEquals(CheckResult.down("Connection timed out"), check(silent.port(), "login=\"checker\"",
                    "request=\"SELECT 1\""));
            assertEquals(CheckResult.down("Connection failed"), check(LinePeer.refusedPort(), "login=\"checker\"",
                    "request=\"SELECT 1\""));
        }
    }
}
