package org.jheartbeat.core.config;

import static org.jheartbeat.core.config.HaCfTesting.parseWithValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** respawn, failfast, apiauth, env, use_apphbd. */
class HaCfClientsTest {

    @Test
    void respawnRunsAProgramAsAUser() {
        var r = parseWithValid("respawn root /usr/local/bin/notify-admin --level crit",
                "respawn nobody\t/usr/local/bin/notify-admin");
        r.assertClean();
        assertEquals(List.of(
                new RespawnClient("root", "/usr/local/bin/notify-admin", List.of("--level", "crit"), 5),
                new RespawnClient("nobody", "/usr/local/bin/notify-admin", List.of(), 6)), r.cf().respawnClients());
        assertFalse(r.cf().respawnClients().getFirst().isIpfail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/usr/lib/heartbeat/ipfail", "/usr/libexec/heartbeat/ipfail", "/opt/ha/bin/ipfail"})
    void ipfailInAnyDirectoryIsTheBuiltInOne(String path) {
        var r = parseWithValid("respawn hacluster " + path);
        r.assertClean();
        assertTrue(r.cf().respawnClients().getFirst().isIpfail());
        assertEquals(r.cf().respawnClients(), r.cf().ipfailClients());
    }

    @Test
    void ipfailNeedsNoAccountBecauseItRunsInsideTheDaemon() {
        var r = parseWithValid("respawn hacluster /usr/lib/heartbeat/ipfail");
        r.assertClean();
        var noAccount = HaCfTesting.parse(HostDatabase.of(java.util.Set.of("root"), java.util.Set.of(), Map.of(),
                        java.util.Set.of()), "node a b", "bcast eth0", "auto_failback on", "logfacility local0",
                "respawn hacluster /usr/libexec/heartbeat/ipfail");
        noAccount.assertProblemCount(1).assertWarning(5, "user [hacluster] does not exist on this machine;"
                + " jheartbeat's built-in ipfail runs inside the daemon and does not need it");
        assertEquals(1, noAccount.cf().respawnClients().size());
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
            "respawn|respawn: missing user and program",
            "respawn hacluster|Client child command [] is not full pathname",
            "respawn hacluster ipfail|Client child command [ipfail] is not full pathname",
            "respawn hacluster usr/lib/heartbeat/ipfail|Client child command [usr/lib/heartbeat/ipfail] is not full pathname",
            "respawn nosuchuser /usr/local/bin/notify-admin|Invalid uid [nosuchuser] specified for client child",
            "respawn root /usr/local/bin/missing|Client child command [/usr/local/bin/missing] is not executable",
            "respawn root /usr/lib/heartbeat/ipfailover|Client child command [/usr/lib/heartbeat/ipfailover] is not executable",
            "failfast nosuchuser /usr/lib/heartbeat/ipfail|Invalid uid [nosuchuser] specified for client child"})
    void respawnErrors(String line, String message) {
        var r = parseWithValid(line);
        r.assertProblemCount(1).assertError(5, message);
        assertEquals(List.of(), r.cf().respawnClients());
    }

    @Test
    void aVeryLongUserName() {
        parseWithValid("respawn " + "u".repeat(64) + " /bin/true")
                .assertError(5, "UID specified for client child is too long");
    }

    @Test
    void executabilityIsCheckedOnTheRealFileSystem(@TempDir Path dir) throws Exception {
        Path program = Files.createFile(dir.resolve("notify"));
        Path plain = Files.createFile(dir.resolve("readme"));
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        HostDatabase system = HostDatabase.system();
        var ok = HaCfTesting.parse(system, "node a b", "bcast eth0", "auto_failback on", "logfacility local0",
                "respawn root " + program + " -v");
        ok.assertClean();
        var notExecutable = HaCfTesting.parse(system, "node a b", "bcast eth0", "auto_failback on",
                "logfacility local0", "respawn root " + plain, "respawn root " + dir);
        notExecutable.assertError(5, "Client child command [" + plain + "] is not executable");
        notExecutable.assertError(6, "Client child command [" + dir + "] is not executable");
        var noUser = HaCfTesting.parse(system, "node a b", "bcast eth0", "auto_failback on", "logfacility local0",
                "respawn no-such-user-here " + program);
        noUser.assertError(5, "Invalid uid [no-such-user-here] specified for client child");
    }

    @Test
    void failfastIsCheckedButNotStarted() {
        var r = parseWithValid("failfast root /usr/local/bin/notify-admin");
        r.assertProblemCount(1).assertWarning(5, "failfast is not supported by jheartbeat (it never reboots the machine)");
        assertEquals(List.of(), r.cf().respawnClients());
        parseWithValid("failfast root relative").assertError(5, "Client child command [relative] is not full pathname");
    }

    @Test
    void builtInApiPermissions() {
        var r = parseWithValid();
        assertEquals(List.of(
                new ApiAuth("ipfail", List.of("hacluster"), List.of()),
                new ApiAuth("ccm", List.of("hacluster"), List.of()),
                new ApiAuth("ping", List.of(), List.of("haclient")),
                new ApiAuth("lha-snmpagent", List.of("root"), List.of()),
                new ApiAuth("anon", List.of("root"), List.of("haclient"))), List.copyOf(r.cf().apiAuth().values()));
    }

    @Test
    void apiauthLinesReplaceBuiltInsAndAddClients() {
        var r = parseWithValid("apiauth ipfail uid=root,hacluster", "apiauth cl_status gid=haclient,adm uid=0",
                "apiauth mon\tgid=haclient");
        r.assertClean();
        Map<String, ApiAuth> auth = r.cf().apiAuth();
        assertEquals(new ApiAuth("ipfail", List.of("root", "hacluster"), List.of()), auth.get("ipfail"));
        assertEquals(new ApiAuth("cl_status", List.of("0"), List.of("haclient", "adm")), auth.get("cl_status"));
        assertEquals(new ApiAuth("mon", List.of(), List.of("haclient")), auth.get("mon"));
        assertEquals(List.of("ipfail", "ccm", "ping", "lha-snmpagent", "anon", "cl_status", "mon"),
                List.copyOf(auth.keySet()));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
            "apiauth|Invalid apiauth directive []: the client name is missing.",
            "apiauth ipfail|Invalid apiauth directive [ipfail]: neither uid= nor gid= is given.",
            "apiauth ipfail uid=root uid=hacluster|Invalid apiauth directive [ipfail uid=root uid=hacluster]: Duplicate uid list in apiauth.",
            "apiauth ipfail gid=a gid=b|: Duplicate gid list in apiauth.",
            "apiauth ipfail user=root|: Missing uid or gid in apiauth (at [user=root]).",
            "apiauth ipfail uid=root, hacluster|: Missing uid or gid in apiauth (at [hacluster]).",
            "apiauth aclientnamethatiswaytoolongreally uid=root|client name [aclientnamethatiswaytoolongreally] too long (at most 31 characters)"})
    void apiauthSyntaxErrorsCarryTheHelpText(String line, String message) {
        var r = parseWithValid(line);
        r.assertProblemCount(1).assertError(5, message);
        assertTrue(r.only(message).message().endsWith("Syntax: apiauth client [uid=uidlist] [gid=gidlist]; where"
                + " uidlist is a comma-separated list of uids, and gidlist is a comma-separated list of gids. One or"
                + " the other must be specified."));
    }

    @Test
    void duplicateApiauthClient() {
        var r = parseWithValid("apiauth mon uid=root", "apiauth mon gid=adm");
        r.assertProblemCount(1).assertError(6, "Duplicate apiauth directive for API client mon: [mon gid=adm]");
        assertEquals(new ApiAuth("mon", List.of("root"), List.of()), r.cf().apiAuth().get("mon"));
    }

    @Test
    void unknownAccountsInApiauthMatchNobody() {
        var r = parseWithValid("apiauth ipfail uid=ghost gid=phantom,adm", "apiauth x uid=,,");
        r.assertProblemCount(3);
        r.assertWarning(5, "apiauth ipfail: user [ghost] does not exist on this machine; it matches nobody");
        r.assertWarning(5, "apiauth ipfail: group [phantom] does not exist");
        r.assertWarning(6, "apiauth x: the uid and gid lists are empty");
    }

    @Test
    void envIsCheckedAndIgnored() {
        var r = parseWithValid("env PATH_EXTRA=/opt/bin LANG=C", "env =x", "env NOEQUALS");
        r.assertWarning(5, "parsed and ignored: env has no effect in jheartbeat");
        r.assertError(6, "env: invalid nvpair(=x): expected NAME=VALUE");
        r.assertError(7, "env: invalid nvpair(NOEQUALS)");
        r.assertProblemCount(3);
        assertFalse(r.cf().parameters().containsKey("env"));
    }

    @Test
    void useApphbd() {
        var r = parseWithValid("use_apphbd yes");
        r.assertProblemCount(1).assertWarning(5, "parsed and ignored: use_apphbd has no effect in jheartbeat");
        assertFalse(r.cf().parameters().containsKey("use_apphbd"));
        parseWithValid("use_apphbd sure").assertError(5, "Invalid use_apphbd value [sure]");
    }
}
