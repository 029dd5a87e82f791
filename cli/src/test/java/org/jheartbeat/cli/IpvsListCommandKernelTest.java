package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.jheartbeat.agents.testing.InNamespace;
import org.jheartbeat.agents.testing.KernelLab;
import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.agents.testing.NetnsLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command, run in the director's network namespace, against {@code ipvsadm} on the same
 * table: the outputs are identical byte for byte.
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

    /** The command's stdout when run inside the namespace (its netlink socket opens there). */
    private String jheartbeat(String... args) throws Exception {
        return ns.call(() -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine command = IpvsListCommand.commandLine();
            command.setOut(new PrintWriter(out));
            command.setErr(new PrintWriter(err));
            assertEquals(0, command.execute(args), err::toString);
            return out.toString();
        });
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
