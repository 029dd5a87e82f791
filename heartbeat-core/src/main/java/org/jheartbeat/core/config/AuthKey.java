package org.jheartbeat.core.config;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One key line of authkeys: {@code N METHOD [KEY]}.
 *
 * @param number 0..15, the number messages carry to say which key signed them
 * @param secret the key as written; empty for {@code crc}. Never printed: {@link #toString()}
 *               hides it
 */
public record AuthKey(int number, AuthMethod method, String secret) {

    public static final int MIN_NUMBER = 0;
    public static final int MAX_NUMBER = 15;

    public AuthKey {
        if (number < MIN_NUMBER || number > MAX_NUMBER) {
            throw new IllegalArgumentException("key number must be " + MIN_NUMBER + ".." + MAX_NUMBER + ": " + number);
        }
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(secret, "secret");
    }

    /** The key bytes an HMAC is keyed with (the key text in UTF-8). */
    public byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AuthKey[number=" + number + ", method=" + method.configName()
                + (secret.isEmpty() ? ", no key]" : ", key hidden]");
    }
}
