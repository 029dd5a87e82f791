package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.jheartbeat.core.config.ProblemAssertions.assertNoProblems;
import static org.jheartbeat.core.config.ProblemAssertions.assertProblem;
import static org.jheartbeat.core.config.ProblemAssertions.assertProblemCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthKeysParserTest {

    private static final Path FILE = Path.of("/etc/ha.d/authkeys");
    /** A key no message may ever show. */
    private static final String SECRET = "Zq9SECRETvX";

    private final Problems problems = new Problems();

    private AuthKeys parse(String content) {
        AuthKeys keys = AuthKeysParser.parse(ConfigTexts.of(FILE, content), problems);
        ConfigTexts.assertProblemsWithin(FILE, ConfigTexts.lineCount(content), problems);
        problems.list().forEach(p -> assertFalse(p.format().contains(SECRET), p::format));
        assertFalse(keys.toString().contains(SECRET), keys::toString);
        return keys;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "auth 2\\n2 sha1 ThisIsMyPassword\\n | 2 | SHA1 | ThisIsMyPassword",
            "auth 2\\n2 sha1 helloworld\\n       | 2 | SHA1 | helloworld",
            "auth 3\\n3 md5 password\\n          | 3 | MD5  | password",
            "auth 1\\n1 sha1 HI!\\n              | 1 | SHA1 | HI!",
    })
    void seedFilesAreValid(String content, int number, AuthMethod method, String secret) {
        AuthKeys keys = parse(content.strip().replace("\\n", "\n"));

        assertNoProblems(problems);
        assertEquals(new AuthKey(number, method, secret), keys.activeKey());
        assertEquals(Map.of(number, keys.activeKey()), keys.keys());
    }

    @Test
    void realisticFileWithCommentsBlanksTabsAndSeveralKeys() {
        AuthKeys keys = parse("""
                #
                #   Authentication file.  Must be mode 600
                #
                #   Must have exactly one auth directive at the front.
                #   auth\tsend authentication using this method-id
                #
                #   Then, list the method and key that go with that method-id
                #
                \tauth\t4

                   1 sha1 OldRotatedKey
                4\tsha256\tA-long-random-key-for-the-new-protocol
                  5   sha512   Another-long-random-key
                """);

        assertNoProblems(problems);
        assertEquals(4, keys.activeKeyNumber());
        assertEquals(new AuthKey(4, AuthMethod.SHA256, "A-long-random-key-for-the-new-protocol"), keys.activeKey());
        assertEquals(List.of(1, 4, 5), List.copyOf(keys.keys().keySet()));
        assertEquals(AuthMethod.SHA512, keys.keys().get(5).method());
    }

    @Test
    void crlfLinesReadTheSame() {
        AuthKeys keys = parse("auth 1\r\n1 sha1 " + SECRET + "\r\n");

        assertNoProblems(problems);
        assertEquals(SECRET, keys.activeKey().secret());
    }

    @Test
    void linesAreReadLikeSscanf() {
        // "auth %d" needs no blank before the number; "%d%s%s" needs none between number and method.
        AuthKeys keys = parse("auth1\n+1sha1 " + SECRET + "\n02 md5 other\n");

        assertNoProblems(problems);
        assertEquals(1, keys.activeKeyNumber());
        assertEquals(AuthMethod.SHA1, keys.activeKey().method());
        assertEquals(AuthMethod.MD5, keys.keys().get(2).method());
    }

    @Test
    void crcNeedsNoKeyAndIsLoudlyInsecure() {
        AuthKeys keys = parse("auth 1\n1 crc\n");

        assertEquals(new AuthKey(1, AuthMethod.CRC, ""), keys.activeKey());
        assertProblem(problems, Severity.WARNING, 2, "crc gives NO security", "forge");
        assertProblemCount(problems, 0, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth two", "authx 1", "auth", "a", "auth " + SECRET, "abc" + SECRET})
    void invalidAuthLine(String line) {
        parse("# keys\n" + line + "\n1 sha1 key\n");

        assertProblem(problems, Severity.ERROR, 2, "Invalid auth line [", "] in " + FILE, "Expected 'auth N'");
        assertProblem(problems, Severity.ERROR, 0, "Missing auth directive in keyfile [" + FILE + "]");
        assertProblemCount(problems, 2, 0);
    }

    @Test
    void textAfterTheAuthNumberIsIgnoredWithAWarning() {
        AuthKeys keys = parse("auth 1 sha1 " + SECRET + "\n1 sha1 key\n");

        assertEquals(1, keys.activeKeyNumber());
        assertProblem(problems, Severity.WARNING, 1, "the text after 'auth 1' is ignored");
        assertProblemCount(problems, 0, 1);
    }

    @ParameterizedTest
    @CsvSource({"16, 16", "-1, -1", "99999999999999999999999, 99999999999999999999..."})
    void keyNumberOutOfRange(String number, String shown) {
        parse("auth 1\n1 sha1 key\n" + number + " sha1 " + SECRET + "\n");

        assertProblem(problems, Severity.ERROR, 3, "Invalid authnum [" + shown + "] in " + FILE, "0..15");
        assertProblemCount(problems, 1, 0);
    }

    @Test
    void keyNumbersZeroAndFifteenAreValid() {
        AuthKeys keys = parse("auth 0\n0 sha1 a\n15 sha1 b\n");

        assertNoProblems(problems);
        assertEquals(List.of(0, 15), List.copyOf(keys.keys().keySet()));
    }

    @Test
    void unknownMethodLookingLikeAnAlgorithmIsShown() {
        parse("auth 1\n1 SHA1 " + SECRET + "\n");

        assertProblem(problems, Severity.ERROR, 2, "Invalid authtype [SHA1]", "crc, md5, sha1, sha256 or sha512");
    }

    @Test
    void unknownMethodThatMayBeAKeyIsNotShown() {
        // The administrator forgot the method: the key stands where the method should be.
        parse("auth 1\n1 " + SECRET + "\n");

        assertProblem(problems, Severity.ERROR, 2, "Invalid authtype [text not shown: it may contain a key]");
    }

    @Test
    void crcWithAKeyIsAnError() {
        AuthKeys keys = parse("auth 1\n1 crc " + SECRET + "\n");

        assertProblem(problems, Severity.ERROR, 2, "Auth method [crc] doesn't use a key");
        assertProblem(problems, Severity.ERROR, 1, "Auth Key [1] not found in keyfile [" + FILE + "]", "no valid key line");
        assertProblemCount(problems, 2, 0);
        assertFalse(keys.hasActiveKey());
        assertThrows(IllegalStateException.class, keys::activeKey);
    }

    @ParameterizedTest
    @ValueSource(strings = {"md5", "sha1", "sha256", "sha512"})
    void signingMethodsWithoutAKeyAreAnError(String method) {
        parse("auth 1\n1 " + method + "\n");

        assertProblem(problems, Severity.ERROR, 2, "Auth method [" + method + "] requires a key");
        assertProblem(problems, Severity.ERROR, 1, "Auth Key [1] not found");
        assertProblemCount(problems, 2, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha1 " + SECRET, SECRET, "2", "Auth 2", "- 2 sha1 " + SECRET})
    void otherGarbageIsAnInvalidLine(String line) {
        parse("auth 1\n1 sha1 key\n" + line + "\n");

        assertProblem(problems, Severity.ERROR, 3, "Auth line [text not shown: it may contain a key] is invalid.");
        assertProblemCount(problems, 1, 0);
    }

    @Test
    void missingAuthDirective() {
        AuthKeys keys = parse("# no auth line\n1 sha1 key\n");

        assertProblem(problems, Severity.ERROR, 0, "Missing auth directive in keyfile [" + FILE + "]");
        assertProblemCount(problems, 1, 0);
        assertFalse(keys.hasActiveKey());
        assertEquals(1, keys.keys().size());
    }

    @Test
    void emptyFileHasNoAuthDirective() {
        parse("");

        assertProblem(problems, Severity.ERROR, 0, "Missing auth directive");
    }

    @Test
    void authNamingAnUndefinedKey() {
        parse("auth 3\n1 sha1 key\n2 md5 key\n");

        assertProblem(problems, Severity.ERROR, 1, "Auth Key [3] not found in keyfile [" + FILE + "]", "numbers [1, 2]");
        assertProblemCount(problems, 1, 0);
    }

    @Test
    void authNamingANumberOutOfRange() {
        parse("auth 16\n1 sha1 key\n");

        assertProblem(problems, Severity.ERROR, 1, "Auth Key [16] not found", "key numbers are 0..15");
    }

    @Test
    void duplicateKeyNumberLaterLineWins() {
        AuthKeys keys = parse("auth 1\n1 md5 first\n1 sha1 " + SECRET + "\n");

        assertEquals(new AuthKey(1, AuthMethod.SHA1, SECRET), keys.activeKey());
        assertProblem(problems, Severity.WARNING, 3, "key 1 is defined again (first on line 2)", "replaces");
        assertProblemCount(problems, 0, 1);
    }

    @Test
    void keyEndsAtTheFirstBlankWithAWarning() {
        AuthKeys keys = parse("auth 1\n1 sha1 my secret " + SECRET + "\n");

        assertEquals("my", keys.activeKey().secret());
        assertProblem(problems, Severity.WARNING, 2, "key 1 ends at the first blank");
        assertProblemCount(problems, 0, 1);
    }

    @Test
    void keyLineBeforeTheAuthLineIsAcceptedWithAWarningThatHeartbeatWouldRefuseIt() {
        AuthKeys keys = parse("1 sha1 " + SECRET + "\nauth 1\n");

        assertEquals(1, keys.activeKeyNumber());
        assertProblem(problems, Severity.WARNING, 2, "key 1 is defined on line 1, before this auth line",
                "Heartbeat", "Auth Key [1] not found", "move 'auth 1' above");
        assertProblemCount(problems, 0, 1);
    }

    @Test
    void laterAuthLineWithoutAKeyAfterItKeepsTheKeyHeartbeatChose() {
        AuthKeys keys = parse("auth 1\n1 sha1 a\nauth 2\n");

        assertEquals(1, keys.activeKeyNumber());
        assertProblem(problems, Severity.WARNING, 3, "auth is given again (also on line 1)");
        assertProblem(problems, Severity.WARNING, 3, "no key line follows 'auth 2'", "key 1", "line 1");
        assertProblemCount(problems, 0, 2);
    }

    @Test
    void laterAuthLineFollowedByItsKeyWins() {
        AuthKeys keys = parse("auth 1\n1 sha1 a\nauth 2\n2 sha256 b\n");

        assertEquals(2, keys.activeKeyNumber());
        assertProblem(problems, Severity.WARNING, 3, "auth is given again");
        assertProblemCount(problems, 0, 1);
    }

    @Test
    void keyThatIsNotUtf8IsRefused() {
        parse("auth 1\n1 sha1 caf\uFFFD\n");

        assertProblem(problems, Severity.ERROR, 2, "key 1 is not valid UTF-8");
    }

    @Test
    void noMessageOrStringEverShowsAKey() {
        // parse() checks every problem and the model's toString for SECRET; this file has them all.
        AuthKeys keys = parse(String.join("\n",
                "auth " + SECRET, "a" + SECRET, SECRET, "1 " + SECRET, "1 crc " + SECRET, "99 sha1 " + SECRET,
                "2 sha1 " + SECRET + " " + SECRET, "2 sha1 " + SECRET, "auth 2 " + SECRET, "3 md5 x" + SECRET) + "\n");

        assertEquals(SECRET, keys.activeKey().secret());
        assertFalse(keys.activeKey().toString().contains(SECRET));
        assertTrue(problems.list().size() >= 8, () -> ProblemAssertions.format(problems));
    }

    @Test
    void authKeyToStringHidesTheSecret() {
        assertEquals("AuthKey[number=2, method=sha1, key hidden]", new AuthKey(2, AuthMethod.SHA1, SECRET).toString());
        assertEquals("AuthKey[number=1, method=crc, no key]", new AuthKey(1, AuthMethod.CRC, "").toString());
    }

    @Test
    void methodNamesAreTheConfigNames() {
        assertEquals(List.of("crc", "md5", "sha1", "sha256", "sha512"),
                java.util.Arrays.stream(AuthMethod.values()).map(AuthMethod::configName).toList());
        assertEquals(AuthMethod.SHA256, AuthMethod.fromConfigName("sha256").orElseThrow());
        assertTrue(AuthMethod.fromConfigName("SHA256").isEmpty());
    }
}
