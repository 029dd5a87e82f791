package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.jheartbeat.core.config.ProblemAssertions.assertNoProblems;
import static org.jheartbeat.core.config.ProblemAssertions.assertProblem;
import static org.jheartbeat.core.config.ProblemAssertions.assertProblemCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HaResourcesParserTest {

    private static final Path FILE = Path.of("/etc/ha.d/haresources");

    private final Problems problems = new Problems();

    private HaResources parse(String content) {
        HaResources resources = HaResourcesParser.parse(ConfigTexts.of(FILE, content), problems);
        ConfigTexts.assertProblemsWithin(FILE, ConfigTexts.lineCount(content), problems);
        return resources;
    }

    private static ResourceSpec spec(String token, String agent, List<String> arguments) {
        return new ResourceSpec(token, agent, arguments, false);
    }

    private static List<String> tokens(ResourceGroup group) {
        return group.resources().stream().map(ResourceSpec::token).toList();
    }

    @Test
    void classicTwoDirectorFileWithCommentsAndTabs() {
        HaResources resources = parse("""
                #
                #  haresources -- must be identical on both directors
                #
                #  node-name resource1 resource2 ... resourceN
                #

                loadb1\tIPaddr2::192.168.0.100/24/eth0/192.168.0.255 ldirectord::ldirectord.cf LVSSyncDaemonSwap::master
                """);

        assertNoProblems(problems);
        assertEquals(1, resources.groups().size());
        ResourceGroup group = resources.groups().getFirst();
        assertEquals("loadb1", group.homeNode());
        assertEquals(7, group.line());
        assertEquals(List.of(
                spec("IPaddr2::192.168.0.100/24/eth0/192.168.0.255", "IPaddr2", List.of("192.168.0.100/24/eth0/192.168.0.255")),
                spec("ldirectord::ldirectord.cf", "ldirectord", List.of("ldirectord.cf")),
                spec("LVSSyncDaemonSwap::master", "LVSSyncDaemonSwap", List.of("master"))),
                group.resources());
        assertEquals("IPaddr2::192.168.0.100/24/eth0/192.168.0.255", group.key().token());
    }

    @Test
    void bareAddressIsIpaddrShorthand() {
        HaResources resources = parse("lvs1.example.org  172.26.46.119/24/eth0   # the VIP\n");

        assertNoProblems(problems);
        assertEquals(List.of(new ResourceSpec("172.26.46.119/24/eth0", "IPaddr", List.of("172.26.46.119/24/eth0"), true)),
                resources.groups().getFirst().resources());
        assertEquals("lvs1.example.org", resources.groups().getFirst().homeNode());
    }

    @ParameterizedTest(name = "{0} -> shorthand {1}")
    @CsvSource({
            "10.0.0.5, true",
            "10.0.0.5/24/eth0/10.0.0.255, true",
            "192.168.1.10//eth0, true",
            "10.0.0.5/24/eth0:vip, true",
            "1x.2.3.4, true",       // the shell pattern only wants a digit first and '.digit' three times
            "1.2.3.4., true",
            "10.0.0., false",       // the last dot is not followed by a digit
            "1...4, false",
            "1.2.3, false",
            "a1.2.3.4, false",
            "httpd, false",
    })
    void ipShorthandFollowsHeartbeatsShellPattern(String token, boolean shorthand) {
        ResourceSpec spec = parse("node1 " + token + "\n").groups().getFirst().key();

        assertNoProblems(problems);
        assertEquals(shorthand, spec.ipShorthand());
        assertEquals(shorthand ? "IPaddr" : token, spec.agentName());
        assertEquals(shorthand ? List.of(token) : List.of(), spec.arguments());
    }

    @Test
    void argumentsAreSplitAtEveryDoubleColon() {
        HaResources resources = parse("""
                node1 IPaddr2::10.0.0.5/24/eth0::x Filesystem::/dev/sda1::/data1::ext2 IPaddr2::10.0.0.6/24/eth0:vip
                node1 a:::b httpd
                """);

        assertNoProblems(problems);
        assertEquals(List.of(
                spec("IPaddr2::10.0.0.5/24/eth0::x", "IPaddr2", List.of("10.0.0.5/24/eth0", "x")),
                spec("Filesystem::/dev/sda1::/data1::ext2", "Filesystem", List.of("/dev/sda1", "/data1", "ext2")),
                spec("IPaddr2::10.0.0.6/24/eth0:vip", "IPaddr2", List.of("10.0.0.6/24/eth0:vip"))),
                resources.groups().get(0).resources());
        assertEquals(spec("a:::b", "a", List.of(":b")), resources.groups().get(1).key());
    }

    @Test
    void emptyArgumentsAreDroppedAsHeartbeatsShellDropsThemWithAWarning() {
        HaResources resources = parse("""
                node1 Filesystem::/dev/sda1::::ext2
                node2 ldirectord::
                """);

        assertEquals(List.of("/dev/sda1", "ext2"), resources.groups().get(0).key().arguments());
        assertEquals(spec("ldirectord::", "ldirectord", List.of()), resources.groups().get(1).key());
        assertProblem(problems, Severity.WARNING, 1, "'Filesystem::/dev/sda1::::ext2'", "empty argument");
        assertProblem(problems, Severity.WARNING, 2, "'ldirectord::'", "empty argument");
        assertProblemCount(problems, 0, 2);
    }

    @Test
    void severalGroupsPerNodeAndNodeNamesAreLowerCased() {
        HaResources resources = parse("""
                LoadB1 IPaddr2::10.0.0.5/24/eth0 ldirectord::ldirectord.cf
                loadb2\t\t10.0.0.6/24/eth0
                  LOADB1   MailTo::root::failover   \t
                """);

        assertNoProblems(problems);
        assertEquals(List.of("loadb1", "loadb2", "loadb1"), resources.groups().stream().map(ResourceGroup::homeNode).toList());
        assertEquals(List.of(1, 2, 3), resources.groups().stream().map(ResourceGroup::line).toList());
        assertEquals(2, resources.groupsOf("LoadB1").size());
        assertEquals(List.of("MailTo::root::failover"), tokens(resources.groupsOf("loadb1").get(1)));
    }

    @Test
    void continuationAcrossThreeLinesIsOneGroupNumberedByItsFirstLine() {
        HaResources resources = parse("""
                # the director group
                loadb1 \\
                \tIPaddr2::192.168.0.100/24/eth0/192.168.0.255 \\
                        ldirectord::ldirectord.cf LVSSyncDaemonSwap::master
                loadb2 httpd
                """);

        assertNoProblems(problems);
        assertEquals(2, resources.groups().size());
        ResourceGroup group = resources.groups().getFirst();
        assertEquals(2, group.line());
        assertEquals(List.of("IPaddr2::192.168.0.100/24/eth0/192.168.0.255", "ldirectord::ldirectord.cf",
                "LVSSyncDaemonSwap::master"), tokens(group));
        assertEquals(5, resources.groups().get(1).line());
    }

    @Test
    void backslashFollowedByASpaceDoesNotContinueTheLine() {
        HaResources resources = parse("""
                loadb1 IPaddr2::10.0.0.5/24/eth0 \\\s
                       ldirectord::ldirectord.cf LVSSyncDaemonSwap::master
                """);

        assertProblem(problems, Severity.WARNING, 1, "does not continue the line");
        assertProblemCount(problems, 0, 1);
        assertEquals(2, resources.groups().size());
        assertEquals(List.of("IPaddr2::10.0.0.5/24/eth0", "\\"), tokens(resources.groups().get(0)));
        // The next line is a group of its own whose "node" is a resource: the loader reports it
        // as a bad node name at its real line.
        ResourceGroup stray = resources.groups().get(1);
        assertEquals("ldirectord::ldirectord.cf", stray.homeNode());
        assertEquals(2, stray.line());
        assertEquals(List.of("LVSSyncDaemonSwap::master"), tokens(stray));
    }

    @Test
    void backslashFollowedByATabBeforeALoneResourceLeavesANodeWithoutResources() {
        HaResources resources = parse("loadb1 IPaddr2::10.0.0.5/24/eth0\\\t\n  ldirectord::ldirectord.cf\n");

        assertProblem(problems, Severity.WARNING, 1, "does not continue the line");
        assertProblem(problems, Severity.ERROR, 2, "'ldirectord::ldirectord.cf' has no resources");
        assertProblemCount(problems, 1, 1);
        assertEquals(List.of("IPaddr2::10.0.0.5/24/eth0\\"), tokens(resources.groups().getFirst()));
    }

    @Test
    void trailingCommentsAndIndentedCommentLinesAreIgnored() {
        HaResources resources = parse("""
                   # indented comment
                node1 httpd#no space before the comment
                node2\tsquid   # a comment with   several words
                \t
                """);

        assertNoProblems(problems);
        assertEquals(List.of(List.of("httpd"), List.of("squid")), resources.groups().stream().map(HaResourcesParserTest::tokens).toList());
    }

    @Test
    void backslashAtTheEndOfACommentDoesNotContinueTheLine() {
        HaResources resources = parse("""
                node1 httpd # web server \\
                node2 squid
                """);

        assertProblem(problems, Severity.WARNING, 1, "part of the comment");
        assertProblemCount(problems, 0, 1);
        assertEquals(2, resources.groups().size());
        assertEquals("node2", resources.groups().get(1).homeNode());
    }

    @Test
    void hashOnAContinuedLineIsNotACommentForHeartbeat() {
        HaResources resources = parse("""
                node1 IPaddr2::10.0.0.5/24/eth0 \\
                      httpd # web \\
                      squid
                node2 mysql
                """);

        assertProblem(problems, Severity.ERROR, 2, "'#' on a continued line does not start a comment");
        assertProblemCount(problems, 1, 0);
        // Heartbeat's sed keeps joining after the unremoved comment, so squid still belongs here.
        assertEquals(List.of("IPaddr2::10.0.0.5/24/eth0", "httpd", "squid"), tokens(resources.groups().get(0)));
        assertEquals("node2", resources.groups().get(1).homeNode());
    }

    @Test
    void continuationIntoACommentLineIsTheSameMistake() {
        parse("""
                node1 httpd \\
                # squid
                """);

        assertProblem(problems, Severity.ERROR, 2, "'#' on a continued line");
    }

    @Test
    void backslashJoinsWithoutAddingASpace() {
        HaResources resources = parse("node1 IPaddr2::10.0.0.5/24/eth0\\\nhttpd\n");

        assertProblem(problems, Severity.WARNING, 2, "no space between", "line 1");
        assertEquals(List.of("IPaddr2::10.0.0.5/24/eth0httpd"), tokens(resources.groups().getFirst()));
    }

    @Test
    void continuationIntoABlankLineEndsTheGroup() {
        HaResources resources = parse("node1 httpd \\\n\nnode2 squid\n");

        assertNoProblems(problems);
        assertEquals(2, resources.groups().size());
    }

    @Test
    void backslashOnTheLastLineHasNothingToContinue() {
        HaResources resources = parse("node1 httpd \\");

        assertProblem(problems, Severity.ERROR, 1, "no line follows");
        assertEquals(List.of("httpd"), tokens(resources.groups().getFirst()));
    }

    @Test
    void continuationStopsAtALineTheReaderRefused() {
        ConfigText text = ConfigTexts.of(FILE, "node1 httpd \\\nLINE WITH A NUL\nnode2 squid\n", number -> number == 2);
        HaResources resources = HaResourcesParser.parse(text, problems);

        assertNoProblems(problems);
        assertEquals(List.of("node1", "node2"), resources.groups().stream().map(ResourceGroup::homeNode).toList());
    }

    @Test
    void nodeWithoutResourcesIsAnError() {
        HaResources resources = parse("node1 httpd\n  node2   \nnode3 squid\n");

        assertProblem(problems, Severity.ERROR, 2, "'node2' has no resources");
        assertProblemCount(problems, 1, 0);
        assertEquals(List.of("node1", "node3"), resources.groups().stream().map(ResourceGroup::homeNode).toList());
    }

    @Test
    void resourceWithoutNameIsAnError() {
        HaResources resources = parse("node1 ::10.0.0.5 httpd\nnode2 \u000B::x squid\n");

        assertProblem(problems, Severity.ERROR, 1, "'::10.0.0.5' has no name");
        assertProblem(problems, Severity.ERROR, 2, "no name");
        assertProblemCount(problems, 2, 0);
        // The bad resource is left out; the group keeps the rest.
        assertEquals(List.of("httpd"), tokens(resources.groups().get(0)));
        assertEquals(List.of("squid"), tokens(resources.groups().get(1)));
    }

    @Test
    void resourceMadeOfInvisibleWhiteSpaceIsAnError() {
        HaResources resources = parse("node1 \f httpd\n");

        assertProblem(problems, Severity.ERROR, 1, "invisible white space");
        assertEquals(List.of("httpd"), tokens(resources.groups().getFirst()));
    }

    @Test
    void resourceNameWithASingleColonIsAnErrorWhenItHasArguments() {
        HaResources resources = parse("node1 a:b::c\nnode2 eth0:1\n");

        assertProblem(problems, Severity.ERROR, 1, "'a:b' contains ':'");
        assertProblemCount(problems, 1, 0);
        assertEquals(List.of("node2"), resources.groups().stream().map(ResourceGroup::homeNode).toList());
        assertEquals(spec("eth0:1", "eth0:1", List.of()), resources.groups().getFirst().key());
    }

    @Test
    void addressShorthandWithArgumentsIsAnError() {
        HaResources resources = parse("node1 10.0.0.5/24::eth0\n");

        assertProblem(problems, Severity.ERROR, 1, "'10.0.0.5/24::eth0'", "IPaddr::ADDRESS");
        assertTrue(resources.groups().isEmpty());
    }

    @Test
    void groupKeysMustBeUniqueAndTheErrorNamesBothLines() {
        HaResources resources = parse("""
                loadb1 IPaddr2::10.0.0.5/24/eth0 httpd

                loadb2 IPaddr2::10.0.0.5/24/eth0 squid
                """);

        assertProblem(problems, Severity.ERROR, 3, "'IPaddr2::10.0.0.5/24/eth0' is not unique", "lines 1 and 3");
        assertProblemCount(problems, 1, 0);
        assertEquals(1, resources.groups().size());
        assertEquals("loadb1", resources.groups().getFirst().homeNode());
    }

    @Test
    void keysAreMatchedExactlyNotAsPatterns() {
        HaResources resources = parse("node1 10.0.0.5 httpd\nnode2 10a0b0c5 squid\n");

        assertNoProblems(problems);
        assertEquals("node1", resources.group("10.0.0.5").orElseThrow().homeNode());
        assertEquals("node2", resources.group("10a0b0c5").orElseThrow().homeNode());
        assertFalse(resources.group("10.0.0.50").isPresent());
        assertFalse(resources.group("httpd").isPresent());
    }

    @Test
    void keyThatAlsoAppearsInAnotherGroupIsReported() {
        parse("""
                node1 httpd squid
                node2 IPaddr2::10.0.0.6/24/eth0 httpd
                node2 MailTo::root mysql MailTo::root
                """);

        assertProblem(problems, Severity.WARNING, 2, "'httpd' is also the key of the group on line 1");
        assertProblemCount(problems, 0, 1);
    }

    @Test
    void blankAndEmptyFilesHaveNoGroups() {
        assertTrue(parse("").groups().isEmpty());
        assertTrue(parse("\n\n   \t\n# only a comment\n").groups().isEmpty());
        assertNoProblems(problems);
    }

    @Test
    void problemLinesPointAtThePhysicalLineOfTheWord() {
        parse("""
                node1 httpd \\
                   \\
                   ::bad
                """);

        assertProblem(problems, Severity.ERROR, 3, "'::bad' has no name");
    }

    @Test
    void aHostileFileReportsAtMostAThousandProblemsAndStillCountsAsBroken() {
        String content = "lonely\n".repeat(3000);
        parse(content);

        assertEquals(FileProblems.LIMIT + 1, problems.list().size());
        Problem last = problems.list().getLast();
        assertEquals(Severity.ERROR, last.severity());
        assertEquals(0, last.line());
        assertTrue(last.message().startsWith("2000 more problems"), last::format);
    }
}
