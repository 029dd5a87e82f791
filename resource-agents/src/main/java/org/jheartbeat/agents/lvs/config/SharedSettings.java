package org.jheartbeat.agents.lvs.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The directives allowed both globally and in a virtual section, as read so far; unset
 * (empty) means "inherit" in a section and "default" globally.
 */
final class SharedSettings {
    Optional<Integer> checkTimeout = Optional.empty();
    Optional<Integer> negotiateTimeout = Optional.empty();
    Optional<Integer> checkCount = Optional.empty();
    Optional<Integer> failureCount = Optional.empty();
    Optional<Integer> checkInterval = Optional.empty();
    int checkIntervalLine;
    Optional<FallbackDraft> fallback = Optional.empty();
    Optional<FallbackDraft> fallback6 = Optional.empty();
    Optional<String> fallbackCommand = Optional.empty();
    Optional<Boolean> quiescent = Optional.empty();
    Optional<Boolean> cleanStop = Optional.empty();
    Optional<List<String>> emailAlert = Optional.empty();
    Optional<Integer> emailAlertFreq = Optional.empty();
    Optional<Set<String>> emailAlertStatus = Optional.empty();
    Optional<String> smtp = Optional.empty();
}
