package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The launchers of the distribution on a machine without Java 25. */
@Tag("netns")
class LauncherTest {

    private static final Path LAUNCHER = Path.of("target/jheartbeat/bin/cl_status").toAbsolutePath();

    @Test
    void saysClearlyWhenNoJava25IsFound() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a private mount namespace");
        // A private mount namespace hides /usr/lib/jvm behind an empty tmpfs; JAVA_HOME is unset
        // and PATH has no JDK 25, so the launcher has nowhere left to look.
        Process p = new ProcessBuilder("unshare", "-m", "sh", "-c",
                "mount -t tmpfs none /usr/lib/jvm && exec env -i PATH=/usr/bin:/bin " + LAUNCHER)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));

        assertEquals(5, p.exitValue(), output);
        assertTrue(output.contains("cl_status: no Java 25 found"), output);
        assertTrue(output.contains("$JAVA_HOME (unset), 'java' on PATH and /usr/lib/jvm/*25*"), output);
    }
}
