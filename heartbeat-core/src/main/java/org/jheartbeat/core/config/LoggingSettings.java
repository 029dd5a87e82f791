package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the daemon logs, from ha.cf's logging directives.
 *
 * @param logfile    {@code logfile}: non-debug messages are appended here
 * @param debugfile  {@code debugfile}: debug messages and resource script output
 * @param facility   {@code logfacility}: the syslog facility; empty when unset or {@code none}
 * @param useLogd    {@code use_logd}, or true when no log target is configured at all
 * @param debugLevel {@code debug}, 0..255
 */
public record LoggingSettings(Optional<Path> logfile, Optional<Path> debugfile, Optional<String> facility,
                              boolean useLogd, int debugLevel) {
}
