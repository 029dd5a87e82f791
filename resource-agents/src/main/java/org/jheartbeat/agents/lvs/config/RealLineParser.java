package org.jheartbeat.agents.lvs.config;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the value of a {@code real=} / {@code real6=} line:
 * {@code ADDR[->ADDR2][:PORT] gate|masq|ipip [WEIGHT] ["REQUEST", "RECEIVE"] [l:LOW] [u:HIGH]}.
 *
 * <p>Unlike ldirectord, a per-real request that starts with {@code /} keeps its receive string
 * and thresholds (ldirectord silently drops them).
 */
final class RealLineParser {

    private static final Pattern V4_ADDRESS =
            Pattern.compile("([A-Za-z0-9.-]+?)(?:->([A-Za-z0-9.-]+))?(?::([A-Za-z0-9_-]+))?");
    private static final Pattern V6_ADDRESS =
            Pattern.compile("\\[([0-9A-Fa-f:.]+)\\](->\\S*)?(?::([A-Za-z0-9_-]+))?");
    private static final Pattern QUOTED_PAIR = Pattern.compile("\"([^\"]*)\"\\s*,?\\s*\"([^\"]*)\"");
    private static final Pattern THRESHOLD = Pattern.compile("([lu]):([0-9]+)");

    private RealLineParser() {
    }

    static Optional<RealDraft> parse(String value, boolean ipv6, Where where) {
        String rest = value.strip();
        int space = indexOfBlank(rest);
        String addressPart = space < 0 ? rest : rest.substring(0, space);
        rest = space < 0 ? "" : rest.substring(space).strip();

        String host;
        String rangeEnd = null;
        String port;
        if (addressPart.startsWith("[")) {
            Matcher m = V6_ADDRESS.matcher(addressPart);
            if (!m.matches()) {
                where.error("invalid address for real server (wrong format)");
                return Optional.empty();
            }
            if (m.group(2) != null) {
                where.error("Address range for IPv6 is not supported yet");
                return Optional.empty();
            }
            host = m.group(1);
            port = m.group(3);
        } else {
            Matcher m = V4_ADDRESS.matcher(addressPart);
            if (!m.matches() || m.group(1).isEmpty()) {
                where.error(addressPart.chars().filter(c -> c == ':').count() > 1
                        ? "IPv6 addresses of real servers must be in brackets: real6=[ADDRESS]:PORT"
                        : "invalid address for real server (wrong format)");
                return Optional.empty();
            }
            host = m.group(1);
            rangeEnd = m.group(2);
            port = m.group(3);
        }
        boolean bracketed = addressPart.startsWith("[");
        if (bracketed != ipv6) {
            where.error(ipv6 ? "cannot specify \"real\" style address in \"real6\": use real6=[ADDRESS]:PORT"
                    : "cannot specify \"real6\" here.  please use \"real\" instead");
            return Optional.empty();
        }

        String forwardWord = firstWord(rest);
        Optional<Forwarding> forwarding = Forwarding.ofWord(forwardWord);
        if (forwarding.isEmpty()) {
            where.error("forward method must be gate, masq or ipip");
            return Optional.empty();
        }
        rest = rest.substring(forwardWord.length()).strip();

        int weight = 1;
        String weightWord = firstWord(rest);
        if (!weightWord.isEmpty() && weightWord.chars().allMatch(Character::isDigit)) {
            OptionalInt w = DirectiveValues.number(weightWord);
            if (w.isEmpty()) {
                where.error("invalid weight for real server: " + weightWord);
                return Optional.empty();
            }
            weight = w.getAsInt();
            rest = rest.substring(weightWord.length()).strip();
        }

        String request = null;
        String receive = null;
        Matcher pair = QUOTED_PAIR.matcher(rest);
        if (pair.lookingAt()) {
            request = DirectiveValues.withLeadingSlash(pair.group(1));
            receive = pair.group(2);
            rest = rest.substring(pair.end()).strip();
        }

        int lower = 0;
        int upper = 0;
        while (!rest.isEmpty()) {
            String word = firstWord(rest);
            Matcher t = THRESHOLD.matcher(word);
            OptionalInt n = t.matches() ? DirectiveValues.number(t.group(2)) : OptionalInt.empty();
            if (n.isEmpty()) {
                where.error("Invalid real server line, around \"" + rest + "\"");
                return Optional.empty();
            }
            if (t.group(1).equals("l")) {
                lower = n.getAsInt();
            } else {
                upper = n.getAsInt();
            }
            rest = rest.substring(word.length()).strip();
        }
        return Optional.of(new RealDraft(host, Optional.ofNullable(rangeEnd), Optional.ofNullable(port), ipv6,
                forwarding.get(), weight, Optional.ofNullable(request), Optional.ofNullable(receive), lower, upper,
                where.line()));
    }

    private static int indexOfBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String firstWord(String s) {
        int blank = indexOfBlank(s);
        return blank < 0 ? s : s.substring(0, blank);
    }
}
