package org.jheartbeat.agents.lvs.config;

import static org.jheartbeat.agents.lvs.config.ConfigFiles.parse;
import static org.jheartbeat.agents.lvs.config.ConfigFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in ldirectord.cf: each named with its line, all of them in one run. */
class LdirectordConfigErrorsTest {

    @TempDir
    Path dir;

    @Test
    void everyMistakeOfTheFileIsReportedWithItsLine() {
        LdirectordConfigParser.Result r = parse(dir,
                "quiescent=no # x",
                "checkinterval=0",
                "checktimeout=abc",
                "autoreload=yes ",
                "connecttimeout=5",
                "virtual=10.0.0.1:80",
                "\treal=10.0.0.2:80 bridge",
                "\tquiescent=yes # comment",
                "\tchecktype=sometimes",
                "\tscheduler=WRR",
                "\tprotocol=fwm",
                "\thttpmethod=POST",
                "\trequest=index.html",
                "\tservice=gopher",
                "\tbogus=1",
                "",
                "\treal=10.0.0.3:80 gate",
                "frobnicate=yes");

        assertFalse(r.valid());
        assertEquals(List.of(
                "1: error: quiescent must be 'yes' or 'no' (the value is \"no # x\": a comment on a global line is"
                        + " part of the value)",
                "2: error: invalid check interval value",
                "3: error: invalid check timeout value",
                "4: error: quiescent must be 'yes' or 'no'".replace("quiescent", "autoreload")
                        + " (the value is \"yes \": blanks after it count, as does the space before a trailing comment)",
                "5: error: connecttimeout directive deprecated in favour of negotiatetimeout",
                "7: error: forward method must be gate, masq or ipip",
                "8: error: quiescent must be 'yes' or 'no' (the value is \"yes \": blanks after it count, as does the"
                        + " space before a trailing comment)",
                "9: error: checktype must be \"connect\", \"negotiate\", \"on\", \"off\", \"ping\", \"external\","
                        + " \"external-perl\" or a positive number",
                "10: error: invalid scheduler, should be only lowercase letters (a-z)",
                "11: error: protocol must be tcp or udp if the virtual service is an address and port",
                "12: error: httpmethod must be GET or HEAD",
                "13: error: Unknown command request=index.html (the value of request must be in double quotes)",
                "14: error: service must be dns ftp http http_proxy https imap imaps ldap ldaps mysql nntp none"
                        + " oracle pgsql pop pops radius simpletcp sip smtp submission",
                "15: error: Unknown command \"\tbogus=1\"",
                "17: error: Unknown command \treal=10.0.0.3:80 gate (the empty line 16 ended the virtual section"
                        + " of line 6)",
                "18: error: Unknown command frobnicate=yes"), problems(r));
    }

    @Test
    void problemsNameTheFile() {
        LdirectordConfigParser.Result r = parse(dir, "virtual=10.0.0.1:80", "\treal=10.0.0.2:80 gate x");

        assertEquals(dir.resolve("ldirectord.cf") + ":2: error: Invalid real server line, around \"x\"",
                r.problems().getFirst().format());
    }

    @Test
    void addressMistakes() {
        LdirectordConfigParser.Result r = parse(dir,
                "virtual=2001:db8::1:80",
                "virtual=10.0.0.1:80",
                "\treal=10.0.0.9->10.0.0.2:80 gate",
                "\treal=10.0.0.0->10.2.0.0:80 gate",
                "\treal6=[2001:db8::2]:80 gate",
                "\treal=no_such_host:80 gate",
                "\treal=10.0.0.4:nosuchservice gate",
                "\treal=10.0.0.5:80 gate",
                "\treal=10.0.0.5:80 gate",
                "virtual6=[2001:db8::1]:80",
                "\treal6=[2001:db8::2]->[2001:db8::3]:80 gate",
                "\tnetmask=255.255.255.0",
                "virtual=10.0.0.1:80",
                "virtual=300.1.1.1:80");

        assertEquals(List.of(
                "1: error: cannot specify an IPv6 address here. please use \"virtual6\" instead.",
                "3: error: Invalid Range: 10.0.0.9-10.0.0.2: First value must be greater than or equal to the"
                        + " second value",
                "4: error: range 10.0.0.0->10.2.0.0 has 131073 addresses; at most 65536 are allowed",
                "5: error: cannot specify \"real6\" here.  please use \"real\" instead",
                "6: error: invalid address for real server (wrong format)",
                "7: error: invalid port (nosuchservice) for real server (could not resolve port)",
                "9: error: real server 10.0.0.5:80 is listed twice in virtual tcp:10.0.0.1:80",
                "11: error: Address range for IPv6 is not supported yet",
                "12: error: invalid netmask: a prefix length between 1 and 128 is required",
                "13: error: duplicate virtual server tcp:10.0.0.1:80 (first at line 2)",
                "14: error: invalid address for virtual server (could not resolve host 300.1.1.1)"), problems(r));
    }

    @Test
    void warningsDoNotMakeTheFileInvalid() {
        LdirectordConfigParser.Result r = parse(dir,
                "checkcount=3",
                "supervised",
                "virtual=10.0.0.1:1521",
                "\treal=10.0.0.2:1521 gate",
                "\tcheckinterval=2");

        assertTrue(r.valid());
        assertEquals(List.of(
                "1: warning: checkcount option is deprecated and slated for removal.  please see 'failurecount'",
                "2: warning: please update your config not to use a bare supervised directive",
                "3: warning: service oracle needs login= and request=; without them every real server is"
                        + " considered down, as in ldirectord",
                "3: warning: service oracle: jheartbeat's negotiate check only connects to the port (it does not"
                        + " speak this protocol yet)",
                "5: warning: checkinterval in virtual service tcp:10.0.0.1:1521 ignored when fork=no"), problems(r));
        assertTrue(r.config().orElseThrow().globals().supervised());
    }

    @Test
    void unreadableFilesAreOneProblemNotAnException() throws Exception {
        Path missing = dir.resolve("absent.cf");
        LdirectordConfigParser.Result r = LdirectordConfigParser.parse(missing, ConfigFiles.OPTIONS);
        assertEquals(List.of("0: error: cannot open: no such file"), problems(r));

        Path binary = dir.resolve("binary.cf");
        Files.write(binary, new byte[] {'v', 'i', 'r', 't', 0, '\n', 'q', 'u', 'i', 'e', 's', 'c', 'e', 'n', 't', '=',
                'y', 'e', 's', '\n'});
        LdirectordConfigParser.Result b = LdirectordConfigParser.parse(binary, ConfigFiles.OPTIONS);
        assertEquals(List.of("1: error: line contains a NUL byte; is this a text file? (the line is ignored)"),
                problems(b));
    }

    @Test
    void logfileThatCannotBeOpenedIsAnErrorAndNothingIsCreated() {
        Path log = dir.resolve("no-such-dir/ldirectord.log");
        LdirectordConfigParser.Result r = parse(dir, "logfile=\"" + log + "\"", "logfile=local0");

        assertEquals(List.of("1: error: unable to open logfile: " + log,
                "2: error: Unknown command logfile=local0 (the value of logfile must be in double quotes)"),
                problems(r));
        assertFalse(Files.exists(log.getParent()));
    }
}
