package org.jheartbeat.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.jheartbeat.core.config.ProblemAssertions.assertNoProblems;
import static org.jheartbeat.core.config.ProblemAssertions.assertProblem;
import static org.jheartbeat.core.config.ProblemAssertions.assertProblemCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * authkeys read from real files: the permission and owner checks, and hostile files. Needs
 * root, as the key file must be owned by root and the owner test changes a file's owner.
 */
class AuthKeysFileTest {

    private static final String SECRET = "Zq9SECRETvX";
    private static final String VALID = "# cluster keys\nauth 1\n1 sha256 " + SECRET + "\n";
    private static final int NOBODY = 65534;

    @TempDir
    Path dir;

    private final Problems problems = new Problems();

    @BeforeEach
    void needsRoot() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"));
        assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(probe, "unix:uid")),
                "skipped: the key file checks need root (files must be owned by root)");
    }

    private Path keyFile(String content, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve("authkeys"), content, StandardCharsets.UTF_8);
        return chmod(file, mode);
    }

    private static Path chmod(Path file, String mode) throws IOException {
        return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private Optional<AuthKeys> read(Path file) {
        Optional<AuthKeys> keys = AuthKeysParser.read(file, problems);
        problems.list().forEach(p -> assertFalse(p.format().contains(SECRET), p::format));
        return keys;
    }

    @Test
    void rootOwnedMode600FileIsUsed() throws IOException {
        AuthKeys keys = read(keyFile(VALID, "rw-------")).orElseThrow();

        assertNoProblems(problems);
        assertEquals(new AuthKey(1, AuthMethod.SHA256, SECRET), keys.activeKey());
    }

    @Test
    void readOnlyForRootIsAlsoFine() throws IOException {
        assertTrue(read(keyFile(VALID, "r--------")).isPresent());
        assertNoProblems(problems);
    }

    @ParameterizedTest(name = "mode {0}")
    @CsvSource({
            "rw-r--r--, 0644, its group can read it, others can read it",
            "rw-r-----, 0640, its group can read it, its group can read it",
            "rw----r--, 0604, others can read it, others can read it",
            "rw-rw----, 0660, its group can write it, its group can read it",
            "rw-----w-, 0602, others can write it, others can write it",
    })
    void fileOthersCanReadOrWriteIsRefused(String mode, String octal, String access, String alsoAccess) throws IOException {
        Path file = keyFile(VALID, mode);
        Optional<AuthKeys> keys = read(file);

        assertTrue(keys.isEmpty());
        assertProblem(problems, Severity.ERROR, 0, "Bad permissions on keyfile [" + file + "], 600 recommended.",
                "mode " + octal, access, alsoAccess, "chmod 600 " + file);
        assertProblemCount(problems, 1, 0);
    }

    @Test
    void executeBitForOthersAloneIsNotAccess() throws IOException {
        assertTrue(read(keyFile(VALID, "rw------x")).isPresent());
        assertNoProblems(problems);
    }

    @Test
    void fileNotOwnedByRootIsRefused() throws IOException {
        Path file = keyFile(VALID, "rw-------");
        Files.setAttribute(file, "unix:uid", NOBODY);
        Optional<AuthKeys> keys = read(file);

        assertTrue(keys.isEmpty());
        assertProblem(problems, Severity.ERROR, 0, "Bad permissions on keyfile [" + file + "], 600 recommended.",
                "owned by uid 65534", "not root", "chown root " + file);
        assertProblemCount(problems, 1, 0);
    }

    @Test
    void wrongOwnerAndModeAreBothReported() throws IOException {
        Path file = keyFile(VALID, "rw-r--r--");
        Files.setAttribute(file, "unix:uid", NOBODY);

        assertTrue(read(file).isEmpty());
        assertProblemCount(problems, 2, 0);
    }

    @Test
    void unsafeFileIsStillCheckedForMistakes() throws IOException {
        Path file = keyFile("auth 1\n1 sha1\n", "rw-r--r--");

        assertTrue(read(file).isEmpty());
        assertProblem(problems, Severity.ERROR, 0, "Bad permissions");
        assertProblem(problems, Severity.ERROR, 2, "Auth method [sha1] requires a key");
    }

    @Test
    void safeFileWithoutUsableKeyGivesNoKeys() throws IOException {
        assertTrue(read(keyFile("auth 2\n1 sha1 " + SECRET + "\n", "rw-------")).isEmpty());
        assertProblem(problems, Severity.ERROR, 1, "Auth Key [2] not found in keyfile");
    }

    @Test
    void missingFile() {
        Path file = HostileFiles.missing(dir);

        assertTrue(read(file).isEmpty());
        assertProblem(problems, Severity.ERROR, 0, "Cannot open keyfile [" + file + "].  Stop.", "no such file");
        assertProblemCount(problems, 1, 0);
    }

    @Test
    void directory() throws IOException {
        assertUnusable(HostileFiles.directory(dir), "directory");
    }

    @Test
    void fifoIsRefusedWithoutOpeningIt() throws Exception {
        assertUnusable(HostileFiles.fifo(dir), "not a regular file");
    }

    @Test
    void symlinkLoop() throws IOException {
        assertUnusable(HostileFiles.symlinkLoop(dir), "symbolic link");
    }

    private void assertUnusable(Path file, String reason) {
        assertTrue(read(file).isEmpty());
        assertProblem(problems, Severity.ERROR, 0, "Cannot open keyfile [" + file + "].  Stop.", reason);
        assertProblemCount(problems, 1, 0);
    }

    @Test
    void symlinkToASafeFileIsFollowed() throws IOException {
        Path target = keyFile(VALID, "rw-------");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        assertTrue(read(link).isPresent());
        assertNoProblems(problems);
    }

    @Test
    void tenMegabyteLineMakesTheFileTooLargeToRead() throws IOException {
        Path file = chmod(HostileFiles.withTenMegabyteLine(dir, "auth 1\n", "1 sha1 " + SECRET + "\n"), "rw-------");

        assertUnusable(file, "bytes long; files above 65536 bytes are refused");
    }

    @Test
    void lineLongerThanHeartbeatsIsReportedAndTheKeysAroundItAreRead() throws IOException {
        Path file = keyFile("auth 1\n" + "#".repeat(6000) + "\n1 sha1 " + SECRET + "\n", "rw-------");
        AuthKeys keys = read(file).orElseThrow();

        assertProblem(problems, Severity.ERROR, 2, "6000 bytes long", "at most 5120");
        assertProblemCount(problems, 1, 0);
        assertEquals(SECRET, keys.activeKey().secret());
    }

    @Test
    void nulByteLineIsReported() throws IOException {
        Path file = chmod(HostileFiles.withNulByte(dir, "auth 1", "2 sha1 " + SECRET, "1 md5 " + SECRET), "rw-------");
        AuthKeys keys = read(file).orElseThrow();

        assertProblem(problems, Severity.ERROR, 2, "NUL");
        assertEquals(java.util.Set.of(1), keys.keys().keySet());
    }

    @Test
    void invalidUtf8KeyIsRefused() throws IOException {
        Path file = chmod(HostileFiles.withInvalidUtf8(dir, "auth 1\n1 sha1 " + SECRET, "\n"), "rw-------");

        assertTrue(read(file).isEmpty());
        assertProblem(problems, Severity.WARNING, 2, "not valid UTF-8");
        assertProblem(problems, Severity.ERROR, 2, "key 1 is not valid UTF-8");
    }
}
