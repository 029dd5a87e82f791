package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jheartbeat.agents.testing.KernelLab;
import org.jheartbeat.agents.testing.InNamespace;
import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.agents.testing.NetnsLab;
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

    private NetnsLab lab;
    private Namespace ns;

    @BeforeEach
    void setUp() throws Exception {
        KernelLab.requireIpvsKernel();
        lab = NetnsLab.create();
        ns = lab.namespace("list");
        ns.ip("link", "add", "eth0", "type", "dummy");
        ns.ip("addr", "add", "10.9.0.1/24", "dev", "eth0");
        ns.ip("link", "set", "eth0", "up");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private String exec(String... command) throws Exception {
        return InNamespace.run(ns, command);
    }

    private String jheartbeat(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), IpvsListCommand.class.getName()));
        command.addAll(List.of(args));
        return exec(command.toArray(String[]::new));
    }

    @Test
    void listingsEqualIpvsadmByteForByte() throws Exception {
        exec("ipvsadm", "-A", "-t", "10.9.0.100:80", "-s", "wrr", "-p", "300");
        exec("ipvsadm", "-a", "-t", "10.9.0.100:80", "-r", "10.9.0.2:80", "-g", "-w", "5");
        exec("ipvsadm", "-a", "-t", "10.9.0.100:80", "-r", "10.9.0.3:8080", "-m", "-w", "2", "-x", "100", "-y", "50");
        exec("ipvsadm", "-A", "-u", "10.9.0.100:53", "-s", "rr");
        exec("ipvsadm", "-a", "-u", "10.9.0.100:53", "-r", "10.9.0.4:53", "-m");
        exec("ipvsadm", "--start-daemon", "master", "--mcast-interface", "eth0", "--syncid", "3");

        assertEquals(exec("ipvsadm", "-L", "-n"), jheartbeat("-n"));
        assertEquals(exec("ipvsadm", "-L", "-n", "--stats"), jheartbeat("--stats"));
        assertEquals(exec("ipvsadm", "-L", "-n", "--thresholds"), jheartbeat("--thresholds"));
        assertEquals(exec("ipvsadm", "-L", "--daemon"), jheartbeat("--daemon"));
        assertEquals(exec("ipvsadm", "-L", "--timeout"), jheartbeat("--timeout"));
    }
}
