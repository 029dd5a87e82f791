package org.jheartbeat.core.membership;

import org.jheartbeat.core.config.AuthKey;
import org.jheartbeat.core.config.AuthMethod;

/**
 * One authkeys key turned into something that signs bytes: an HMAC for md5/sha1/sha256/sha512,
 * or Heartbeat's unkeyed CRC for {@code crc} (which only catches corruption, not forgery).
 * Implementations are thread-safe.
 */
public sealed interface MessageMac permits HmacMac, CrcMac {

    AuthMethod method();

    /** The signature of {@code data}. */
    byte[] sign(byte[] data);

    static MessageMac of(AuthKey key) {
        return key.method() == AuthMethod.CRC ? new CrcMac() : new HmacMac(key.method(), key.secretBytes());
    }
}
