package org.jheartbeat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jheartbeat.agents.kernel.ipvs.Ipvs;
import org.jheartbeat.agents.kernel.ipvs.IpvsException;
import org.jheartbeat.agents.kernel.ipvs.IpvsListing;
import org.jheartbeat.agents.kernel.ipvs.ListingStyle;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Lists the kernel's IPVS table exactly as {@code ipvsadm -L -n} prints it, so that an operator
 * (or a script written for ipvsadm) can read it on a director that has no ipvsadm installed.
 *
 * <pre>
 *   --ipvs-list [--stats | --rate | --thresholds | --persistent-conn | --tun-info] [--exact] [--nosort]
 *   --ipvs-list --daemon       running sync daemons, as ipvsadm -L --daemon
 *   --ipvs-list --timeout      connection timeouts, as ipvsadm -L --timeout
 * </pre>
 *
 * Exit status: 0 listed; 1 the kernel refused the request (the message says why, e.g. not root);
 * 2 bad options, or no IPVS in this kernel ("IPVS is not available in this kernel: modprobe ip_vs").
 */
@Command(name = "ipvs-list", mixinStandardHelpOptions = true,
        description = "Print the IPVS table as 'ipvsadm -L -n' does.")
public final class IpvsListCommand implements Callable<Integer> {

    static final int EXIT_REFUSED = 1;
    static final int EXIT_USAGE_OR_NO_IPVS = 2;

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true)
    private What what = new What();

    static final class What {
        @Option(names = "--stats", description = "connection, packet and byte counters")
        boolean stats;
        @Option(names = "--rate", description = "rates per second")
        boolean rate;
        @Option(names = "--thresholds", description = "upper and lower connection thresholds")
        boolean thresholds;
        @Option(names = "--persistent-conn", description = "persistent connections")
        boolean persistentConn;
        @Option(names = "--tun-info", description = "tunnel encapsulation of tunneled real servers")
        boolean tunInfo;
        @Option(names = "--daemon", description = "running sync daemons")
        boolean daemon;
        @Option(names = "--timeout", description = "connection timeouts (tcp tcpfin udp)")
        boolean timeout;
    }

    @Option(names = "--exact", description = "counters in full instead of K/M/G/T")
    private boolean exact;

    @Option(names = "--nosort", description = "services and real servers in the kernel's order")
    private boolean nosort;

    @Option(names = {"-n", "--numeric"}, description = "numeric addresses and ports (always the case; accepted for ipvsadm habits)")
    private boolean numeric;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Ipvs ipvs = Ipvs.open()) {
            if (what.daemon) {
                out.print(IpvsListing.formatDaemons(ipvs.daemons()));
            } else if (what.timeout) {
                out.print(IpvsListing.formatTimeouts(ipvs.timeouts()));
            } else {
                out.print(new IpvsListing(style(), exact, !nosort).format(ipvs.table()));
            }
            out.flush();
            return 0;
        } catch (IpvsException.Unavailable e) {
            err.println(e.getMessage());
            return EXIT_USAGE_OR_NO_IPVS;
        } catch (IOException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return EXIT_REFUSED;
        } finally {
            err.flush();
        }
    }

    private ListingStyle style() {
        if (what.stats) {
            return ListingStyle.STATS;
        } else if (what.rate) {
            return ListingStyle.RATE;
        } else if (what.thresholds) {
            return ListingStyle.THRESHOLDS;
        } else if (what.persistentConn) {
            return ListingStyle.PERSISTENT_CONN;
        } else if (what.tunInfo) {
            return ListingStyle.TUN_INFO;
        }
        return ListingStyle.DEFAULT;
    }

    /** The command, ready to execute; picocli exits with 2 on usage errors, as ipvsadm does. */
    public static CommandLine commandLine() {
        return new CommandLine(new IpvsListCommand());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
