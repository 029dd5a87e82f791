package org.jheartbeat.agents.lvs.config;

import java.util.Arrays;
import java.util.Optional;

/** How IPVS passes packets to a real server: the words ldirectord.cf uses and ipvsadm's flags. */
public enum Forwarding {
    /** Direct routing (LVS-DR): the real server answers the client itself. */
    GATE("gate", "-g"),
    /** NAT (LVS-NAT): replies go back through the director. */
    MASQ("masq", "-m"),
    /** IP-in-IP tunnelling (LVS-TUN). */
    IPIP("ipip", "-i");

    private final String word;
    private final String ipvsadmFlag;

    Forwarding(String word, String ipvsadmFlag) {
        this.word = word;
        this.ipvsadmFlag = ipvsadmFlag;
    }

    public String word() {
        return word;
    }

    public String ipvsadmFlag() {
        return ipvsadmFlag;
    }

    public static Optional<Forwarding> ofWord(String word) {
        return Arrays.stream(values()).filter(f -> f.word.equals(word)).findFirst();
    }
}
