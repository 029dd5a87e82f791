package org.jheartbeat.agents.lvs.config;

import java.util.Locale;

/** The protocol of a virtual service: an address service is tcp or udp, a mark service fwm. */
public enum Protocol {
    TCP, UDP, FWM;

    /** {@code tcp}, {@code udp}, {@code fwm}: the word in ldirectord.cf and in virtual ids. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** ipvsadm's option for the service: {@code -t}, {@code -u}, {@code -f}. */
    public String ipvsadmFlag() {
        return switch (this) {
            case TCP -> "-t";
            case UDP -> "-u";
            case FWM -> "-f";
        };
    }
}
