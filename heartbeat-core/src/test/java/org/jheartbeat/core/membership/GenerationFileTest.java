package org.jheartbeat.core.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationFileTest {

    @TempDir
    Path temp;

    @Test
    void aFreshStateDirectoryStartsAtOneAndEveryStartCountsUp() throws Exception {
        Path state = temp.resolve("var/lib/heartbeat");
        assertEquals(1, GenerationFile.next(state));
        assertEquals(2, GenerationFile.next(state));
        assertEquals(3, GenerationFile.next(state));
        assertEquals("3\n", Files.readString(state.resolve("hb_generation")));
        try (var files = Files.list(state)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".new")),
                    "no temporary file is left behind");
        }
    }

    @Test
    void continuesFromTheStoredNumber() throws Exception {
        Files.writeString(temp.resolve("hb_generation"), "41\n");
        assertEquals(42, GenerationFile.next(temp));
        assertEquals("42\n", Files.readString(temp.resolve("hb_generation")));
    }

    @Test
    void aCorruptFileIsAnErrorNamingItAndIsLeftAsItWas() throws Exception {
        for (String content : List.of("", "abc\n", "-5\n", "12 13\n", "99999999999999999999\n")) {
            Path file = temp.resolve("hb_generation");
            Files.writeString(file, content);
            MembershipException e = assertThrows(MembershipException.class, () -> GenerationFile.next(temp),
                    "content [" + content + "]");
            assertTrue(e.getMessage().contains("corrupt heartbeat generation file " + file), e.getMessage());
            assertEquals(content, Files.readString(file), "the file is not touched");
        }
    }

    @Test
    void aStateDirectoryThatCannotBeCreatedIsAnErrorNamingIt() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("plain-file"), "x");
        MembershipException e = assertThrows(MembershipException.class,
                () -> GenerationFile.next(notADirectory.resolve("state")));
        assertTrue(e.getMessage().contains(notADirectory.resolve("state").toString()), e.getMessage());
    }

    @Test
    void concurrentStartsNeverGetTheSameGeneration() throws Exception {
        int starts = 16;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                results.add(pool.submit(() -> GenerationFile.next(temp)));
            }
            Set<Long> generations = new TreeSet<>();
            for (Future<Long> result : results) {
                generations.add(result.get());
            }
            assertEquals(starts, generations.size(), "distinct: " + generations);
            assertEquals(String.valueOf(starts), Files.readString(temp.resolve("hb_generation")).strip());
        } finally {
            pool.shutdownNow();
        }
    }
}
