package org.jheartbeat.agents.lvs.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One virtual section as read so far.
 *
 * @see VirtualLine for the shapes of the {@code virtual=} value
 */
final class SectionDraft {
    final int line;
    final VirtualLine virtual;
    final SharedSettings shared = new SharedSettings();
    final List<RealDraft> reals = new ArrayList<>();
    Optional<CheckType> checkType = Optional.empty();
    Optional<String> checkCommand = Optional.empty();
    Optional<Integer> checkPort = Optional.empty();
    Optional<String> request = Optional.empty();
    Optional<String> receive = Optional.empty();
    Optional<String> httpMethod = Optional.empty();
    Optional<String> virtualHost = Optional.empty();
    Optional<String> login = Optional.empty();
    Optional<String> password = Optional.empty();
    Optional<String> database = Optional.empty();
    Optional<String> secret = Optional.empty();
    Optional<String> scheduler = Optional.empty();
    Optional<Integer> persistent = Optional.empty();
    Optional<String> netmask = Optional.empty();
    Optional<String> schedFlags = Optional.empty();
    Optional<Protocol> protocol = Optional.empty();
    int protocolLine;
    Optional<Boolean> ops = Optional.empty();
    Optional<ServiceType> service = Optional.empty();
    Optional<String> monitorFile = Optional.empty();
    Optional<String> serviceName = Optional.empty();
    Optional<String> comment = Optional.empty();

    SectionDraft(int line, VirtualLine virtual) {
        this.line = line;
        this.virtual = virtual;
    }
}
