package org.jheartbeat.core.membership;

import java.util.function.Supplier;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jheartbeat.core.config.AuthMethod;

/** HMAC (RFC 2104) with a Bouncy Castle digest; the key is the authkeys secret's UTF-8 bytes. */
public final class HmacMac implements MessageMac {

    private final AuthMethod method;
    private final ThreadLocal<HMac> macs;

    HmacMac(AuthMethod method, byte[] secret) {
        this.method = method;
        Supplier<Digest> digest = switch (method) {
            case MD5 -> MD5Digest::new;
            case SHA1 -> SHA1Digest::new;
            case SHA256 -> SHA256Digest::new;
            case SHA512 -> SHA512Digest::new;
            case CRC -> throw new IllegalArgumentException("crc is not an HMAC method");
        };
        KeyParameter key = new KeyParameter(secret);
        // HMac keeps state between update and doFinal, so every receiver thread gets its own.
        this.macs = ThreadLocal.withInitial(() -> {
            HMac mac = new HMac(digest.get());
            mac.init(key);
            return mac;
        });
    }

    @Override
    public AuthMethod method() {
        return method;
    }

    @Override
    public byte[] sign(byte[] data) {
        HMac mac = macs.get();
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }
}
