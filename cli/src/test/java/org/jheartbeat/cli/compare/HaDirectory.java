package org.jheartbeat.cli.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The ha.cf, haresources and authkeys both heartbeats get, word for word the same: bcast on
 * eth0, auto_failback on, and one group homed on d1 holding the VIP with heartbeat's own
 * {@code IPaddr2} agent.
 */
final class HaDirectory {

    private HaDirectory() {
    }

    static void write(Path dir, Timers timers, String vip, Path logfile) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ha.cf"), timers.haCfLines()
                + "udpport 694\nbcast eth0\nauto_failback on\ncrm off\nnode d1 d2\nlogfile " + logfile + "\n");
        String broadcast = vip.substring(0, vip.lastIndexOf('.')) + ".255";
        Files.writeString(dir.resolve("haresources"), "d1 IPaddr2::" + vip + "/24/eth0/" + broadcast + "\n");
        Files.writeString(dir.resolve("authkeys"), "auth 1\n1 sha1 CompareClusterKey\n");
        Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
    }
}
