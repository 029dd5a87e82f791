package org.jheartbeat.core.config;

/**
 * ASCII-only case folding, as Heartbeat's C code does it ({@code strcasecmp},
 * {@code inplace_ascii_strdown}): Unicode case rules would make, for example, the long s
 * ({@code ſ}) equal to {@code s}.
 */
final class Ascii {

    private Ascii() {
    }

    static String lower(String s) {
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return chars == null ? s : new String(chars);
    }

    static boolean equalsIgnoreCase(String a, String b) {
        return a.length() == b.length() && lower(a).equals(lower(b));
    }
}
