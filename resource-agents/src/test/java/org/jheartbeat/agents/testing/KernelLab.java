package org.jheartbeat.agents.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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

    /**
     * True when this kernel has no IPVS and no ip_vs module it could load, so that asking for the
     * IPVS family changes nothing here (no module gets loaded on the build host).
     */
    public static boolean kernelCannotHaveIpvs() throws IOException {
        if (Files.exists(Path.of("/proc/net/ip_vs"))) {
            return false;
        }
        Path modules = Path.of("/lib/modules", System.getProperty("os.version"));
        if (!Files.isDirectory(modules)) {
            return true;
        }
        try (Stream<Path> files = Files.walk(modules)) {
            return files.noneMatch(p -> p.getFileName().toString().startsWith("ip_vs.ko"));
        }
    }
}
