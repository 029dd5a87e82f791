package org.jheartbeat.agents.kernel;

import java.util.HexFormat;

/** Byte images written the way the spec prints them: hex pairs, whitespace and offsets ignored. */
public final class Hex {

    private Hex() {
    }

    /**
     * Parses lines such as {@code 0010  03 01 00 00 09 00   comment}: a leading 4-digit offset
     * and anything after three spaces following the bytes are ignored.
     */
    public static byte[] parse(String image) {
        StringBuilder hex = new StringBuilder();
        for (String line : image.strip().split("\n")) {
            String body = line.strip();
            if (body.matches("^[0-9a-fA-F]{4}  .*")) {
                body = body.substring(4).strip();
            }
            int comment = body.indexOf("   ");
            if (comment >= 0) {
                body = body.substring(0, comment);
            }
            hex.append(body.replace(" ", ""));
        }
        return HexFormat.of().parseHex(hex.toString());
    }

    public static String format(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
