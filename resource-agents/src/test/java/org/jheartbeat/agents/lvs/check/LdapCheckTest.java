package org.jheartbeat.agents.lvs.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ldap check against a small real LDAPv3 server (BER over TCP, decoded here independently of
 * the check's encoder): it knows the root DSE and {@code dc=example,dc=test}, the anonymous user
 * and {@code cn=checker} with password {@code pw}.
 */
class LdapCheckTest {

    private final HealthChecks checks = new HealthChecks(Tls.unverified(), "director.test");

    private CheckResult check(int port, String... extra) throws InterruptedException {
        return checks.run(Targets.of("10.0.0.1:389", List.of(extra), "real=127.0.0.1:" + port + " gate",
                "checktimeout=1"));
    }

    /** One TLV: tag and value. */
    private record Tlv(int tag, byte[] value) {
        ByteBuffer buffer() {
            return ByteBuffer.wrap(value);
        }
    }

    private static Tlv read(ByteBuffer b) {
        int tag = b.get() & 0xFF;
        int length = b.get() & 0xFF;
        if (length >= 0x80) {
            int n = length & 0x7F;
            length = 0;
            for (int i = 0; i < n; i++) {
                length = length << 8 | (b.get() & 0xFF);
            }
        }
        byte[] value = new byte[length];
        b.get(value);
        return new Tlv(tag, value);
    }

    private static Tlv read(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        int length = in.readUnsignedByte();
        if (length >= 0x80) {
            int n = length & 0x7F;
            length = 0;
            for (int i = 0; i < n; i++) {
                length = length << 8 | in.readUnsignedByte();
            }
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return new Tlv(tag, value);
    }

    private static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            v.writeBytes(p);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        out.write(v.size()); // the answers here are all shorter than 128 bytes
        out.writeBytes(v.toByteArray());
        return out.toByteArray();
    }

    private static byte[] text(int tag, String s) {
        return tlv(tag, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] result(int op, int id, int code) {
        return tlv(0x30, tlv(0x02, new byte[] {(byte) id}),
                tlv(op, tlv(0x0A, new byte[] {(byte) code}), text(0x04, ""), text(0x04, "")));
    }

    private static void ldap(DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            ByteBuffer message = read(in).buffer();
            int id = read(message).value()[0];
            Tlv op = read(message);
            ByteBuffer body = op.buffer();
            switch (op.tag()) {
                case 0x60 -> {
                    read(body); // version
                    String name = new String(read(body).value(), StandardCharsets.UTF_8);
                    Tlv auth = read(body);
                    String password = new String(auth.value(), StandardCharsets.UTF_8);
                    boolean ok = auth.tag() == 0x80 && (name.isEmpty() && password.isEmpty()
                            || name.equals("cn=checker") && password.equals("pw"));
                    out.write(result(0x61, id, ok ? 0 : 49));
                }
                case 0x63 -> {
                    String base = new String(read(body).value(), StandardCharsets.UTF_8);
                    int scope = read(body).value()[0];
                    boolean known = scope == 0 && (base.isEmpty() || base.equals("dc=example,dc=test"));
                    if (known) {
                        out.write(tlv(0x30, tlv(0x02, new byte[] {(byte) id}),
                                tlv(0x64, text(0x04, base), tlv(0x30))));
                    }
                    out.write(result(0x65, id, known ? 0 : 32));
                }
                case 0x42 -> {
                    return;
                }
                default -> throw new IOException("unexpected operation " + op.tag());
            }
            out.flush();
        }
    }

    @Test
    void anonymousBindAndRootDseSearch() throws Exception {
        try (StreamPeer server = new StreamPeer(LdapCheckTest::ldap)) {
            assertEquals(CheckResult.up("Success"), check(server.port()));
        }
    }

    @Test
    void boundSearchOfTheRequestMatchedAgainstReceive() throws Exception {
        try (StreamPeer server = new StreamPeer(LdapCheckTest::ldap)) {
            assertEquals(CheckResult.up("Success"), check(server.port(), "login=\"cn=checker\"", "passwd=\"pw\"",
                    "request=\"dc=example,dc=test\"", "receive=\"dc=example\""));
            assertEquals(CheckResult.down("Response mismatch"), check(server.port(),
                    "request=\"dc=example,dc=test\"", "receive=\"dc=other\""));
            assertEquals(CheckResult.down("Response mismatch"), check(server.port(), "request=\"dc=missing\""));
        }
    }

    @Test
    void ldapsSpeaksTheSameOverTlsWithoutVerifyingTheCertificate(@TempDir Path dir) throws Exception {
        try (StreamPeer server = new StreamPeer(selfSignedTls(dir), LdapCheckTest::ldap);
             StreamPeer plain = new StreamPeer(LdapCheckTest::ldap)) {
            CheckResult up = checks.run(Targets.of("10.0.0.1:636", List.of(), "real=127.0.0.1:" + server.port()
                    + " gate", "checktimeout=2", "request=\"dc=example,dc=test\""));
            assertEquals(CheckResult.up("Success"), up);
            CheckResult noTls = checks.run(Targets.of("10.0.0.1:636", List.of(), "real=127.0.0.1:" + plain.port()
                    + " gate", "checktimeout=2"));
            assertTrue(noTls.message().startsWith("TLS failed"), noTls.message());
        }
    }

    /** A TLS server context with a fresh self-signed certificate (made by the JDK's keytool). */
    private static SSLContext selfSignedTls(Path dir) throws Exception {
        Path store = dir.resolve("ldap.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "ldap", "-keyalg", "EC", "-dname", "CN=ldap.test", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "secret1", "-keypass", "secret1")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool made a certificate");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "secret1".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "secret1".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void downOnBadCredentialsWrongServiceRefusedAndSilence() throws Exception {
        try (StreamPeer server = new StreamPeer(LdapCheckTest::ldap);
             LinePeer notLdap = new LinePeer((in, out) -> out.print("220 smtp here\r\n"));
             LinePeer silent = LinePeer.silent()) {
            assertEquals(CheckResult.down("Bind failed"),
                    check(server.port(), "login=\"cn=checker\"", "passwd=\"wrong\""));
            assertEquals(CheckResult.down("not an LDAP message"), check(notLdap.port()));
            assertEquals(CheckResult.down("Connection timed out"), check(silent.port()));
            assertEquals(CheckResult.down("Connection failed"), check(LinePeer.refusedPort()));
        }
    }
}
