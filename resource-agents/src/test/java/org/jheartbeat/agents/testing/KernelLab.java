package org.jheartbeat.agents.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Guard for tests tagged {@code kernel}: they need a kernel with IPVS, which only the kernel lab
 * (it/kernel-lab) is sure to have. Elsewhere they are skipped with the reason; in the lab run
 * ({@code -Pkernel-lab}, which sets {@code kernelLab.required}) a missing kernel is a failure, so
 * that run can never pass by skipping everything.
 */
public final class KernelLab {

    private KernelLab() {
    }

    /** True inside {@code kernel-lab run} (it exports KERNEL_LAB=1) once IPVS is loaded. */
    public static boolean available() {
        return "1".equals(System.getenv("KERNEL_LAB")) && Files.exists(Path.of("/proc/net/ip_vs"));
    }

    /** Call from {@code @BeforeEach} so that every test is reported as skipped with the reason. */
    public static void requireIpvsKernel() {
        if (available()) {
            return;
        }
        String why = "needs the kernel lab (a VM whose kernel has IPVS); this is kernel "
                + System.getProperty("os.version")
                + (Files.exists(Path.of("/proc/net/ip_vs")) ? "" : " without IPVS")
                + ". ./run-tests runs these tests inside it/kernel-lab";
        if (Boolean.getBoolean("kernelLab.required")) {
            fail(why);
        }
        assumeTrue(false, why);
    }
}
