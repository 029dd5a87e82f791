package org.jheartbeat.agents.lvs.config;

/**
 * {@code checktype=}: how a real server's health is found out.
 *
 * @param connectRounds for {@link Kind#COMBINED} only: how many rounds after a successful
 *                      negotiate check use a plain connect check
 */
public record CheckType(Kind kind, int connectRounds) {

    public enum Kind { NEGOTIATE, CONNECT, PING, EXTERNAL, EXTERNAL_PERL, ON, OFF, COMBINED }

    public static final CheckType NEGOTIATE = new CheckType(Kind.NEGOTIATE, 0);

    public CheckType {
        if (connectRounds < 0 || (kind != Kind.COMBINED && connectRounds != 0)) {
            throw new IllegalArgumentException("connectRounds " + connectRounds + " for " + kind);
        }
    }

    public static CheckType of(Kind kind) {
        return new CheckType(kind, 0);
    }

    public static CheckType combined(int connectRounds) {
        return new CheckType(Kind.COMBINED, connectRounds);
    }

    /** The word in ldirectord.cf, and in real ids: {@code negotiate}, {@code external-perl}, {@code 3}. */
    public String word() {
        return switch (kind) {
            case EXTERNAL_PERL -> "external-perl";
            case COMBINED -> Integer.toString(connectRounds);
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
