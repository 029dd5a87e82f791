package org.jheartbeat.agents.kernel;

import java.util.Arrays;
import java.util.HexFormat;

/** A 6-byte Ethernet hardware address. */
public record MacAddress(byte[] bytes) {

    public static final MacAddress BROADCAST = new MacAddress(new byte[] {-1, -1, -1, -1, -1, -1});
    public static final MacAddress ZERO = new MacAddress(new byte[6]);

    public MacAddress {
        if (bytes.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /**
     * Parses {@code 2a:0f:f9:bc:e7:c8}, {@code 2a-0f-...} or 12 hex digits without separators
     * (send_arp's form).
     */
    public static MacAddress parse(String text) {
        String hex = text.strip().replace(":", "").replace("-", "");
        if (hex.length() != 12 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        return new MacAddress(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MacAddress mac && Arrays.equals(bytes, mac.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
