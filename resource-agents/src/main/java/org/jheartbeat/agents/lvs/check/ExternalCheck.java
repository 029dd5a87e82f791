package org.jheartbeat.agents.lvs.check;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jheartbeat.agents.lvs.config.CheckType;

/**
 * {@code checktype=external}: run {@code CHECKCOMMAND VIRTUAL VPORT REAL RPORT} through the
 * shell (ldirectord uses {@code system}, so the command may carry its own arguments); exit 0
 * within checktimeout is up. {@code external-perl} runs the file with {@code perl} the same way
 * (ldirectord compiles it into itself; the exit-status contract is the same).
 */
final class ExternalCheck {

    private ExternalCheck() {
    }

    static CheckResult run(CheckTarget t) throws InterruptedException {
        String command = t.settings().checkCommand();
        String script = t.settings().type().kind() == CheckType.Kind.EXTERNAL_PERL
                ? "exec perl \"$0\" \"$@\"" : command + " \"$@\"";
        List<String> argv = List.of("/bin/sh", "-c", script,
                t.settings().type().kind() == CheckType.Kind.EXTERNAL_PERL ? command : "sh",
                t.virtualIp(), Integer.toString(t.virtualPort()), t.address().getHostAddress(),
                Integer.toString(t.realPort()));
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return CheckResult.down("cannot run " + command + ": " + e.getMessage());
        }
        try {
            if (!p.waitFor(t.settings().checkTimeoutSeconds(), TimeUnit.SECONDS)) {
                p.destroy();
                return CheckResult.down("timed out after " + t.settings().checkTimeoutSeconds() + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
        int status = p.exitValue();
        return status == 0 ? CheckResult.up("Success") : CheckResult.down("exit status " + status);
    }
}
