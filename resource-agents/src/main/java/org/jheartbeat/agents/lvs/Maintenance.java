package org.jheartbeat.agents.lvs;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

import org.jheartbeat.agents.lvs.check.CheckResult;
import org.jheartbeat.agents.lvs.config.RealServer;

/**
 * {@code maintenancedir}: a file named {@code RIP:PORT} or {@code RIP} in it takes the real out,
 * whatever its check says. (ldirectord also tries the reverse-DNS names; this looks only at
 * addresses, so a check never waits for DNS.)
 */
final class Maintenance {

    static final CheckResult IN_MAINTENANCE = CheckResult.down("Server in maintenance");

    private Maintenance() {
    }

    static Optional<CheckResult> check(Optional<String> dir, RealServer r) {
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path d = Path.of(dir.get());
            String address = r.endpoint().address().getHostAddress();
            if (Files.exists(d.resolve(address + ":" + r.endpoint().port())) || Files.exists(d.resolve(address))) {
                return Optional.of(IN_MAINTENANCE);
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
