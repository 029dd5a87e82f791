package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.jheartbeat.agents.testing.KernelLab;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The listing command where there is no IPVS (the build host), and its option checks. */
class IpvsListCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = IpvsListCommand.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void withoutIpvsItPrintsOneLineWithTheModprobeHintAndExits2() throws Exception {
        assumeTrue(KernelLab.kernelCannotHaveIpvs(), "this kernel has IPVS or could load ip_vs; the kernel lab covers it");
        assertEquals(2, run("-n", "--stats"));
        assertEquals("", out.toString());
        assertEquals("IPVS is not available in this kernel: modprobe ip_vs" + System.lineSeparator(), err.toString());
    }

    @Test
    void twoListingKindsAtOnceIsAUsageError() {
        assertEquals(2, run("--stats", "--rate"));
        assertEquals("", out.toString());
        assertEquals(true, err.toString().contains("mutually exclusive"), err.toString());
    }
}
