package org.jheartbeat.core.membership;

import org.jheartbeat.core.config.AuthMethod;

/**
 * Heartbeat's {@code crc} "authentication": a 32-bit CRC, polynomial 0x04C11DB7 processed
 * most-significant bit first, initial value 0, final inversion, no length appended. It detects
 * damaged packets only; the daemon warns loudly when it is the configured method.
 */
public final class CrcMac implements MessageMac {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
            TABLE[i] = crc;
        }
    }

    CrcMac() {
    }

    /** The CRC as Heartbeat computes it. */
    public static int crc(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ b) & 0xff];
        }
        return ~crc;
    }

    @Override
    public AuthMethod method() {
        return AuthMethod.CRC;
    }

    @Override
    public byte[] sign(byte[] data) {
        int crc = crc(data);
        return new byte[] {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc};
    }
}
