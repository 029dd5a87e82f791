package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jheartbeat.agents.testing.KernelLab;
import org.jheartbeat.agents.testing.Netns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The command as an operator runs it (its own JVM, in the director's network namespace) against
 * {@code ipvsadm} on the same table: the outputs are identical byte for byte.
 */
@Tag("kernel")
class IpvsListCommandKernelTest {

    private Netns ns;

    @BeforeEach
    void setUp() {
        KernelLab.requireIpvsKernel();
        ns = Netns.create("list");
        ns.exec("ip", "link", "add", "eth0", "type", "dummy");
        ns.exec("ip", "addr", "add", "10.9.0.1/24", "dev", "eth0");
        ns.exec("ip", "link", "set", "eth0", "up");
    }

    @AfterEach
    void tearDown() {
        if (ns != null) {
            ns.close();
        }
    }

    private String jheartbeat(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), IpvsListCommand.class.getName()));
        command.addAll(List.of(args));
        return ns.exec(command.toArray(String[]::new));
    }

    @Test
    void listingsEqualIpvsadmByteForByte() {
        ns.exec("ipvsadm", "-A", "-t", "10.9.0.100:80", "-s", "wrr", "-p", "300");
        ns.exec("ipvsadm", "-a", "-t", "10.9.0.100:80", "-r", "10.9.0.2:80", "-g", "-w", "5");
        ns.exec("ipvsadm", "-a", "-t", "10.9.0.100:80", "-r", "10.9.0.3:8080", "-m", "-w", "2", "-x", "100", "-y", "50");
        ns.exec("ipvsadm", "-A", "-u", "10.9.0.100:53", "-s", "rr");
        ns.exec("ipvsadm", "-a", "-u", "10.9.0.100:53", "-r", "10.9.0.4:53", "-m");
        ns.exec("ipvsadm", "--start-daemon", "master", "--mcast-interface", "eth0", "--syncid", "3");

        assertEquals(ns.exec("ipvsadm", "-L", "-n"), jheartbeat("-n"));
        assertEquals(ns.exec("ipvsadm", "-L", "-n", "--stats"), jheartbeat("--stats"));
        assertEquals(ns.exec("ipvsadm", "-L", "-n", "--thresholds"), jheartbeat("--thresholds"));
        assertEquals(ns.exec("ipvsadm", "-L", "--daemon"), jheartbeat("--daemon"));
        assertEquals(ns.exec("ipvsadm", "-L", "--timeout"), jheartbeat("--timeout"));
    }
}
