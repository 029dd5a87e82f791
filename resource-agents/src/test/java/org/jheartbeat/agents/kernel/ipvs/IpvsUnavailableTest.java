package org.jheartbeat.agents.kernel.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import org.jheartbeat.agents.testing.KernelLab;
import org.junit.jupiter.api.Test;

/** On a kernel without IPVS (like the build host), opening the client says so in one line. */
class IpvsUnavailableTest {

    @Test
    void openingIpvsOnAKernelWithoutItGivesTheModprobeHint() throws IOException {
        assumeTrue(KernelLab.kernelCannotHaveIpvs(), "this kernel has IPVS or could load ip_vs; the kernel lab tests that case");
        IpvsException.Unavailable e = assertThrows(IpvsException.Unavailable.class, Ipvs::open);
        assertEquals("IPVS is not available in this kernel: modprobe ip_vs", e.getMessage());
    }
}
