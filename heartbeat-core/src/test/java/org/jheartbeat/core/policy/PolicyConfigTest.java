package org.jheartbeat.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jheartbeat.core.config.AutoFailback;
import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.config.HaConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy's view of a configuration loaded from real files. */
class PolicyConfigTest {

    @TempDir
    Path dir;

    private HaConfig load(String nodes, String localNode) throws IOException {
        Files.writeString(dir.resolve("ha.cf"), """
                keepalive 1
                deadtime 10
                bcast eth0
                auto_failback on
                """ + nodes);
        Files.writeString(dir.resolve("haresources"), """
                loadb1 IPaddr2::10.0.0.100/24/eth0/10.0.0.255 ldirectord::ldirectord.cf LVSSyncDaemonSwap::master
                LOADB2 10.0.0.200/24/eth0
                """);
        Path authkeys = dir.resolve("authkeys");
        Files.writeString(authkeys, "auth 1\n1 sha1 secret-for-tests\n");
        Files.setPosixFilePermissions(authkeys, PosixFilePermissions.fromString("rw-------"));
        HaConfigLoader.Result result = HaConfigLoader.load(HaConfigLoader.Options.of(dir, Optional.of(localNode),
                Set.of("IPaddr", "IPaddr2", "ldirectord", "LVSSyncDaemonSwap")));
        assertTrue(result.valid(), result.problems()::toString);
        return result.config().orElseThrow();
    }

    @Test
    void fromALoadedConfiguration() throws IOException {
        PolicyConfig config = PolicyConfig.from(load("node loadb1\nnode LoadB2\n", "LOADB2"));
        assertEquals("loadb2", config.localNode());
        assertEquals(Optional.of("loadb1"), config.peer());
        assertEquals(AutoFailback.ON, config.mode());
        assertEquals(List.of(new GroupRef("IPaddr2::10.0.0.100/24/eth0/10.0.0.255", "loadb1"),
                new GroupRef("10.0.0.200/24/eth0", "loadb2")), config.groups());
        assertEquals(List.of("10.0.0.200/24/eth0"), config.keysOf(HoldSet.LOCAL));
        assertEquals(PolicyTimings.HEARTBEAT, config.timings());
    }

    @Test
    void moreThanTwoNodesAreRefused() throws IOException {
        HaConfig three = load("node loadb1\nnode loadb2\nnode loadb3\n", "loadb1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyConfig.from(three));
        assertTrue(e.getMessage().contains("exactly two nodes"), e.getMessage());
    }

    @Test
    void groupsMustBeHomedOnOneOfTheTwoNodesWithUniqueKeys() {
        assertThrows(IllegalArgumentException.class, () -> new PolicyConfig("x1", Optional.of("x2"), AutoFailback.ON,
                List.of(new GroupRef("a", "x3")), PolicyTimings.HEARTBEAT));
        assertThrows(IllegalArgumentException.class, () -> new PolicyConfig("x1", Optional.of("x2"), AutoFailback.ON,
                List.of(new GroupRef("a", "x1"), new GroupRef("a", "x2")), PolicyTimings.HEARTBEAT));
        assertThrows(IllegalArgumentException.class, () -> new PolicyConfig("x1", Optional.of("x1"), AutoFailback.ON,
                List.of(), PolicyTimings.HEARTBEAT));
    }

    @Test
    void aSingleNodeTakesEverythingAtCommsUp() {
        Policy alone = new Policy(new PolicyConfig("x1", Optional.empty(), AutoFailback.OFF,
                List.of(new GroupRef("a", "x1")), PolicyTimings.HEARTBEAT));
        Decision d = alone.decide(alone.initialState(1), new PolicyEvent.CommsUp(), 0);
        assertEquals(List.of(new PolicyAction.StartGroup("a")), d.actions());
        d = alone.decide(d.state(), new PolicyEvent.GroupStarted("a"), 0);
        assertTrue(d.actions().contains(new PolicyAction.Log(LogLevel.INFO, "Local Resource acquisition completed.")));
        assertEquals(RscStatus.LOCAL, alone.rscStatus(d.state()), "every group of a one-node cluster is local");
        Decision stray = alone.decide(d.state(), new PolicyEvent.FromPeer(new PeerMessage.Starting(9)), 0);
        assertEquals(List.of(), stray.actions(), "a one-node cluster has no peer to answer");
    }
}
