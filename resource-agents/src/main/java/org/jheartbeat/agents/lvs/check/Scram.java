package org.jheartbeat.agents.lvs.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802 / 7677) as PostgreSQL uses it: no channel binding,
 * an empty user name (the server takes the startup message's). One instance per exchange.
 */
final class Scram {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String password;
    private final String clientNonce;
    private String authMessage;
    private byte[] saltedPassword;

    Scram(String password) {
        this.password = password;
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        this.clientNonce = Base64.getEncoder().encodeToString(nonce);
    }

    private String clientFirstBare() {
        return "n=,r=" + clientNonce;
    }

    String clientFirst() {
        return "n,," + clientFirstBare();
    }

    String clientFinal(String serverFirst) throws IOException {
        Map<Character, String> f = fields(serverFirst);
        String nonce = f.get('r');
        if (nonce == null || !nonce.startsWith(clientNonce) || f.get('s') == null || f.get('i') == null) {
            throw new IOException("malformed SCRAM server-first message");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(f.get('i'));
        } catch (NumberFormatException e) {
            throw new IOException("malformed SCRAM iteration count", e);
        }
        if (iterations < 1 || iterations > 1_000_000) {
            throw new IOException("SCRAM iteration count out of range: " + iterations);
        }
        try {
            saltedPassword = pbkdf2(password, Base64.getDecoder().decode(f.get('s')), iterations);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException("SCRAM: " + e.getMessage(), e);
        }
        String withoutProof = "c=biws,r=" + nonce;
        authMessage = clientFirstBare() + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        byte[] signature = hmac(PgsqlCheck.sha256(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    boolean verifyServer(String serverFinal) {
        String v = fields(serverFinal).get('v');
        if (v == null || authMessage == null) {
            return false;
        }
        byte[] expected = hmac(hmac(saltedPassword, "Server Key"), authMessage);
        try {
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(v));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Map<Character, String> fields(String message) {
        Map<Character, String> f = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                f.put(part.charAt(0), part.substring(2));
            }
        }
        return f;
    }

    /** Throws for what the JDK refuses (an empty password, for one). */
    static byte[] pbkdf2(String password, byte[] salt, int iterations) throws GeneralSecurityException {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
    }

    static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
