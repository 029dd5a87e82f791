package org.jheartbeat.core.config;

import static org.jheartbeat.core.config.HaCfTesting.parse;
import static org.jheartbeat.core.config.HaCfTesting.parseWithValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** node, autojoin, auto_failback, nice_failback, pacemaker/crm, stonith, watchdog. */
class HaCfPolicyTest {

    /** Valid lines without auto_failback; the lines under test start at line 4. */
    private static HaCfTesting.Result policy(String... lines) {
        List<String> all = new java.util.ArrayList<>(List.of("node loadb1 loadb2", "bcast eth0", "logfacility local0"));
        all.addAll(List.of(lines));
        return parse(all.toArray(String[]::new));
    }

    @Test
    void nodesAreLowerCasedDeduplicatedAndInOrder() {
        var r = parse("node LoadB1.Example.COM", "node loadb2 LOADB1.example.com", "bcast eth0", "auto_failback on",
                "logfacility local0");
        r.assertProblemCount(1).assertWarning(2, "node [loadb1.example.com] is declared more than once");
        assertEquals(List.of("loadb1.example.com", "loadb2"), r.cf().nodes());
        assertTrue(r.cf().hasNode("LOADB2"));
        assertFalse(r.cf().hasNode("loadb3"));
        assertFalse(r.cf().parameters().containsKey("node"));
    }

    @Test
    void nodeNamesHaveHeartbeatsLengthLimit() {
        parseWithValid("node " + "n".repeat(99)).assertClean();
        parseWithValid("node " + "n".repeat(100)).assertError(5, "is too long: at most 99 characters");
    }

    @Test
    void withoutNodesTheConfigurationIsRefusedUnlessAutojoinAny() {
        parse("bcast eth0", "auto_failback on", "logfacility local0").assertProblemCount(1)
                .assertError(0, "no nodes defined");
        var any = parse("bcast eth0", "auto_failback on", "logfacility local0", "autojoin any");
        any.assertProblemCount(1).assertError(4, "R1 style resource management conflicts with  autojoin set");
    }

    @ParameterizedTest
    @CsvSource({"none, NONE", "NONE, NONE", "other, OTHER", "Any, ANY"})
    void autojoinValues(String value, Autojoin expected) {
        var r = parseWithValid("autojoin " + value);
        assertEquals(expected, r.cf().autojoin());
        assertEquals(value, r.cf().parameters().get("autojoin"));
        if (expected == Autojoin.NONE) {
            r.assertClean();
        } else {
            r.assertProblemCount(1).assertError(5, "R1 style resource management conflicts with  autojoin set:"
                    + " jheartbeat manages resources from haresources only, which requires autojoin none");
        }
    }

    @Test
    void badAutojoin() {
        parseWithValid("autojoin some").assertProblemCount(1).assertError(5, "Invalid autojoin directive [some]");
    }

    @ParameterizedTest
    @CsvSource({"on, ON", "yes, ON", "TRUE, ON", "1, ON", "off, OFF", "n, OFF", "0, OFF", "legacy, LEGACY",
            "Legacy, LEGACY"})
    void autoFailbackValues(String value, AutoFailback expected) {
        var r = policy("auto_failback " + value);
        assertEquals(expected, r.cf().autoFailback());
        assertEquals(value, r.cf().parameters().get("auto_failback"));
        if (expected == AutoFailback.LEGACY) {
            r.assertProblemCount(1).assertWarning(4, "Deprecated 'legacy' auto_failback option selected. Please convert"
                    + " to 'auto_failback on'. See documentation for conversion details.");
        } else {
            r.assertClean();
        }
    }

    @Test
    void legacyIsTheDefaultAndWarnedAboutWithoutALine() {
        var r = policy();
        assertEquals(AutoFailback.LEGACY, r.cf().autoFailback());
        assertEquals("legacy", r.cf().parameters().get("auto_failback"));
        r.assertProblemCount(1).assertWarning(0, "Deprecated 'legacy' auto_failback option selected.");
    }

    @Test
    void legacyMakesIpfailUseless() {
        var r = policy("respawn hacluster /usr/lib/heartbeat/ipfail");
        r.assertProblemCount(2).assertWarning(4, "ipfail does nothing while auto_failback is legacy");
    }

    @Test
    void badAutoFailback() {
        var r = policy("auto_failback maybe");
        r.assertError(4, "Invalid auto_failback [maybe]: expected on, off or legacy");
        assertEquals(AutoFailback.LEGACY, r.cf().autoFailback());
    }

    @Test
    void niceFailbackAloneMeansLegacyEvenWhenOn() {
        var r = policy("nice_failback on");
        assertEquals(AutoFailback.LEGACY, r.cf().autoFailback());
        r.assertWarning(4, "nice_failback flag is obsolete.. Use auto_failback {on, off, legacy} instead."
                + " nice_failback on has been strictly interpreted as 'auto_failback legacy'. Consider converting to"
                + " 'auto_failback on'. When you do, then you can use ipfail, and hb_standby. See documentation for details.");
        r.assertWarning(4, "Deprecated 'legacy' auto_failback option selected.");
        assertFalse(r.cf().parameters().containsKey("nice_failback"));
    }

    @Test
    void niceFailbackAfterAutoFailbackOnTurnsItOff() {
        var r = policy("auto_failback on", "nice_failback yes");
        assertEquals(AutoFailback.OFF, r.cf().autoFailback());
        r.assertProblemCount(1).assertWarning(5, "'nice_failback yes' has been changed to 'auto_failback off'");
        // Heartbeat keeps the value it recorded for the auto_failback line
        assertEquals("on", r.cf().parameters().get("auto_failback"));
    }

    @Test
    void autoFailbackAfterNiceFailbackWins() {
        var r = policy("nice_failback off", "auto_failback on");
        assertEquals(AutoFailback.ON, r.cf().autoFailback());
        r.assertProblemCount(1).assertWarning(4, "has been strictly interpreted as 'auto_failback legacy'");
    }

    @Test
    void badNiceFailback() {
        policy("auto_failback on", "nice_failback perhaps")
                .assertProblemCount(1).assertError(5, "nice_failback flag is obsolete.. Use auto_failback {on, off,"
                        + " legacy} instead. [perhaps] is not a boolean");
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm off", "crm no", "pacemaker false", "pacemaker 0", "crm OFF"})
    void pacemakerOffIsV1Mode(String line) {
        var r = parseWithValid(line);
        r.assertClean();
        assertFalse(r.cf().crmEnabled());
        assertEquals(line.split(" ")[1], r.cf().pacemaker());
        assertEquals(line.split(" ")[1], r.cf().parameters().get("pacemaker"));
        assertFalse(r.cf().parameters().containsKey("crm"));
    }

    @Test
    void pacemakerDefaultsToFalse() {
        var r = parseWithValid();
        assertEquals("false", r.cf().pacemaker());
        assertEquals("false", r.cf().parameters().get("pacemaker"));
        assertFalse(r.cf().crmEnabled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm on", "crm yes", "pacemaker respawn", "pacemaker minimal", "pacemaker manual",
            "crm valgrind", "pacemaker ccm-only", "crm Respawn"})
    void pacemakerOnIsRefusedClearly(String line) {
        var r = parseWithValid(line);
        assertTrue(r.cf().crmEnabled());
        r.assertProblemCount(1).assertError(5, "jheartbeat supports Heartbeat's v1 resource management (haresources)"
                + " only, not the CRM/Pacemaker");
        assertTrue(r.only("Pacemaker support: ").message().startsWith("Pacemaker support: " + line.split(" ")[1]));
    }

    @Test
    void crmOnSuppressesTheV1OnlyChecks() {
        var r = parse("node a b", "bcast eth0", "logfacility local0", "crm on", "autojoin any");
        r.assertProblemCount(1).assertError(4, "Pacemaker support: on");
    }

    @Test
    void pacemakerOnlyOnce() {
        var r = parseWithValid("crm off", "pacemaker off");
        r.assertProblemCount(1).assertError(6, "pacemaker/crm directive used multiple times!");
        parseWithValid("crm off on").assertProblemCount(1).assertError(5, "pacemaker/crm directive used multiple times!");
    }

    @Test
    void badPacemakerValue() {
        var r = parseWithValid("crm sometimes");
        r.assertProblemCount(1).assertError(5, "Invalid crm [sometimes]");
        assertEquals("false", r.cf().pacemaker());
    }

    @Test
    void crmSettingsMustPrecedePacemakerAndAreIgnored() {
        var r = parseWithValid("crm_daemon_dir /usr/lib/pacemaker", "crmd_spawns_pengine yes", "crm off",
                "crm_daemon_dir /usr/lib/pacemaker");
        r.assertError(8, "If you specify crm_daemon_dir, it must come before the pacemaker directive (line 7)");
        r.assertWarning(5, "parsed and ignored: crm_daemon_dir has no effect in jheartbeat");
        r.assertWarning(6, "parsed and ignored: crmd_spawns_pengine has no effect in jheartbeat");
        r.assertProblemCount(3);
        parseWithValid("crmd_spawns_pengine sometimes").assertError(5, "Invalid crmd_spawns_pengine value [sometimes]");
    }

    @Test
    void stonithIsCheckedThenIgnored() {
        var r = parseWithValid("stonith baytech /etc/ha.d/conf/stonith.baytech",
                "stonith_host * baytech 10.0.0.3 mylogin mysecretpassword");
        r.assertProblemCount(2);
        r.assertWarning(5, "parsed and ignored: stonith has no effect in jheartbeat (jheartbeat has no STONITH");
        r.assertWarning(6, "parsed and ignored: stonith_host has no effect in jheartbeat");
        parseWithValid("stonith").assertError(5, "No Stonith type given");
        parseWithValid("stonith_host").assertError(5, "No Stonith hostname argument given");
        parseWithValid("stonith_host loadb1").assertError(5, "No Stonith type given");
    }

    @Test
    void watchdogOnlyOnce() {
        var r = parseWithValid("watchdog /dev/watchdog", "watchdog /dev/watchdog1");
        r.assertProblemCount(2);
        r.assertWarning(5, "parsed and ignored: watchdog has no effect in jheartbeat");
        r.assertError(6, "Watchdog device multiply specified.");
        assertEquals("/dev/watchdog", r.cf().parameters().get("watchdog"));
    }
}
