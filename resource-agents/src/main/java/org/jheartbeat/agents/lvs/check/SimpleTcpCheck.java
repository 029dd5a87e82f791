package org.jheartbeat.agents.lvs.check;

import java.io.IOException;
import java.util.regex.Pattern;

import org.jheartbeat.agents.lvs.config.ReceivePattern;

/**
 * {@code service=simpletcp}: send the request ({@code \n} in it becomes a newline), close the
 * sending side, and be up when any line of the answer matches the receive expression.
 */
final class SimpleTcpCheck {

    private static final int MAX_LINES = 10_000;

    private SimpleTcpCheck() {
    }

    static CheckResult check(CheckTarget t, Deadline deadline) throws IOException {
        Pattern receive = ReceivePattern.compile(t.receive()).orElseThrow();
        try (CheckConnection c = CheckConnection.open(t.address(), t.checkPort(), deadline)) {
            c.write(t.requestWithoutSlash().replace("\\n", "\n"));
            c.shutdownOutput();
            for (int i = 0; i < MAX_LINES; i++) {
                String line = c.readLine();
                if (line == null) {
                    break;
                }
                if (receive.matcher(line).find()) {
                    return CheckResult.up("Success");
                }
            }
            return CheckResult.down("Response mismatch");
        }
    }
}
