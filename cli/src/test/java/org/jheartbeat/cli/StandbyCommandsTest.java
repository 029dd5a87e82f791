package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hb_standby and hb_takeover of the built distribution: their argument checks (Heartbeat's texts,
 * usage split over stdout and stderr, exit 1) and what they say when no daemon runs. Accepted
 * requests need the resource manager and are tested with it.
 */
class StandbyCommandsTest {

    @TempDir
    Path dir;

    private Launched run(String program, String... args) throws Exception {
        return Launched.run(Map.of("JHEARTBEAT_RUN_DIR", dir.toString()), program, args);
    }

    @Test
    void aWrongSetIsNamedAndTheUsageFollows() throws Exception {
        for (String program : new String[] {"hb_standby", "hb_takeover"}) {
            String path = Launched.BIN.resolve(program).toString();
            Launched wrong = run(program, "xyz");
            assertEquals(1, wrong.exit(), wrong.describe());
            assertEquals("usage:\n", wrong.out(), wrong.describe());
            assertEquals(path + ": wrong resources(xyz).\n" + path + " [all|foreign|local|failback]\n", wrong.err());

            Launched many = run(program, "local", "foreign");
            assertEquals(1, many.exit(), many.describe());
            assertEquals("usage:\n", many.out(), many.describe());
            assertEquals(path + ": too many arguments\n" + path + " [all|foreign|local|failback]\n", many.err());

            Launched help = run(program, "--help");
            assertEquals(1, help.exit(), help.describe());
            assertEquals("usage:\n", help.out(), help.describe());
            assertEquals(path + " [all|foreign|local|failback]\n", help.err());
        }
    }

    @Test
    void everyValidSetGoesToTheDaemonAndWithoutOneFailsClearly() throws Exception {
        for (String set : new String[] {"all", "foreign", "local", "failback"}) {
            Launched standby = run("hb_standby", set);
            assertEquals(1, standby.exit(), standby.describe());
            assertTrue(standby.err().contains(" info: Going standby [" + set + "].\n"), standby.describe());
            assertTrue(standby.err().contains("hb_standby: Heartbeat is not currently running (no control socket in "
                    + dir + ")."), standby.describe());
            Launched takeover = run("hb_takeover", set);
            assertEquals(1, takeover.exit(), takeover.describe());
            assertEquals("hb_takeover: Heartbeat is not currently running (no control socket in " + dir + ").\n",
                    takeover.err());
        }
        Launched none = run("hb_standby");
        assertTrue(none.err().contains("Going standby [all]."), none.describe());
    }
}
