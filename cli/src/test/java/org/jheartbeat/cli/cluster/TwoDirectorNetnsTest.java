package org.jheartbeat.cli.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test with real daemons in a {@link TwoDirectorLab} shares: a lab per test (skipped
 * without root or a build), and after it, whatever happened, the journal's check that no group
 * ran on two nodes at once outside a marked partition, then the lab's removal.
 */
@Tag("netns")
abstract class TwoDirectorNetnsTest {

    @TempDir
    Path dir;
    TwoDirectorLab lab;

    @BeforeEach
    void openLab() throws IOException {
        lab = TwoDirectorLab.openOrSkip(dir);
    }

    @AfterEach
    void neverBothAtOnceThenClose() throws IOException {
        try {
            if (lab != null) {
                var doubleRuns = lab.journal.doubleRuns();
                if (!doubleRuns.isEmpty()) {
                    fail("a group ran on both nodes at once: " + doubleRuns + lab.logs());
                }
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }
}
