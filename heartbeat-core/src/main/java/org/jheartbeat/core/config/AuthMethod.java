package org.jheartbeat.core.config;

import java.util.Locale;
import java.util.Optional;

/**
 * How cluster messages are signed, as named in authkeys. {@code crc}, {@code md5} and
 * {@code sha1} are Heartbeat's; {@code sha256} and {@code sha512} (HMAC) are jheartbeat's
 * additions.
 */
public enum AuthMethod {
    /** A checksum, not a signature: anyone who can send packets can forge messages. */
    CRC(false),
    MD5(true),
    SHA1(true),
    SHA256(true),
    SHA512(true),
    ;

    private final boolean needsKey;

    AuthMethod(boolean needsKey) {
        this.needsKey = needsKey;
    }

    /** The name written in authkeys: {@code crc}, {@code md5}, {@code sha1}, ... */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a key line for this method must carry a key (and {@code crc} must not). */
    public boolean needsKey() {
        return needsKey;
    }

    /** The method written exactly (lower case, like Heartbeat's plug-in names) as {@code name}. */
    public static Optional<AuthMethod> fromConfigName(String name) {
        for (AuthMethod method : values()) {
            if (method.configName().equals(name)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
