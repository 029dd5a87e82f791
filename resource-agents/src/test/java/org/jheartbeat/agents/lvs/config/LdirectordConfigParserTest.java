package org.jheartbeat.agents.lvs.config;

import static org.jheartbeat.agents.lvs.config.ConfigFiles.parse;
import static org.jheartbeat.agents.lvs.config.ConfigFiles.problems;
import static org.jheartbeat.agents.lvs.config.ConfigFiles.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ldirectord.cf as the seed tutorials and their readers write it. */
class LdirectordConfigParserTest {

    @TempDir
    Path dir;

    @Test
    void seed000CentosPairWithTabIndentedSection() {
        LdirectordConfig c = valid(dir,
                "checktimeout=15",
                "checkinterval=5",
                "autoreload=no",
                "logfile=\"" + dir.resolve("ldirectord.log") + "\"",
                "quiescent=no",
                "virtual=192.168.0.100:80",
                "\tfallback=127.0.0.1:80",
                "\treal=192.168.0.1:80 gate",
                "\treal=192.168.0.2:80 gate",
                "\tservice=http",
                "\trequest=\"ldirectord.html\"",
                "\treceive=\"It worked\"",
                "\tscheduler=rr",
                "\tpersistent=600",
                "\tprotocol=tcp",
                "\tchecktype=negotiate");

        assertEquals(5, c.globals().checkIntervalSeconds());
        assertFalse(c.globals().autoReload());
        VirtualService v = c.virtuals().getFirst();
        assertEquals("tcp:192.168.0.100:80", v.id());
        assertEquals("rr", v.scheduling().scheduler());
        assertEquals(OptionalInt.of(600), v.scheduling().persistentSeconds());
        assertFalse(v.quiescent());
        assertTrue(v.cleanStop());
        assertEquals("127.0.0.1:80", v.fallback().orElseThrow().endpoint().toString());
        assertEquals(Forwarding.GATE, v.fallback().orElseThrow().forwarding());
        assertEquals(List.of("192.168.0.1:80", "192.168.0.2:80"),
                v.reals().stream().map(r -> r.endpoint().toString()).toList());
        assertEquals(1, v.reals().getFirst().weight());
        CheckSettings check = v.check();
        assertEquals(CheckType.NEGOTIATE, check.type());
        assertEquals(ServiceType.HTTP, check.service());
        assertEquals("/ldirectord.html", check.request());
        assertEquals("It worked", check.receive());
        assertEquals(15, check.checkTimeoutSeconds(), "checktimeout=15 alone sets both timeouts");
        assertEquals(15, check.negotiateTimeoutSeconds());
        assertEquals(5, check.intervalSeconds());
    }

    @Test
    void seed003AsPrintedWithoutIndentationIsAcceptedWithWarnings() {
        LdirectordConfigParser.Result r = parse(dir,
                "checktimeout=10",
                "checkinterval=2",
                "autoreload=no",
                "logfile=\"local0\"",
                "quiescent=yes",
                "virtual=192.168.0.200:80",
                "real=192.168.0.110:80 gate",
                "real=192.168.0.120:80 gate",
                "fallback=127.0.0.1:80",
                "service=http",
                "request=\"test.html\"",
                "receive=\"Test Page\"",
                "scheduler=rr",
                "protocol=tcp",
                "checktype=negotiate");

        assertTrue(r.valid(), r.problems().toString());
        List<String> p = problems(r);
        assertTrue(p.contains("7: warning: real= is not indented; taken as part of the virtual section of line 6"
                + " (ldirectord 4.x rejects this line: indent section lines with a tab)"), p.toString());
        assertTrue(p.stream().noneMatch(s -> s.startsWith("9:")), "fallback is global too: no warning, global meaning");
        VirtualService v = r.config().orElseThrow().virtuals().getFirst();
        assertEquals(2, v.reals().size());
        assertTrue(v.quiescent());
        assertEquals("rr", v.scheduling().scheduler());
        assertEquals("/test.html", v.check().request());
        assertEquals("127.0.0.1:80", v.fallback().orElseThrow().endpoint().toString(),
                "the global fallback applies to the virtual");
        assertEquals(8, r.config().orElseThrow().deviations().size(), "one per unindented section line");
    }

    @Test
    void defaultsFollowLdirectordsCodeNotItsManual() {
        VirtualService v = valid(dir, "virtual=10.0.0.1:8080", "\treal=10.0.0.2 gate").virtuals().getFirst();

        assertFalse(v.quiescent(), "quiescent defaults to no in the code");
        assertEquals("wrr", v.scheduling().scheduler());
        assertEquals(ServiceType.NONE, v.check().service(), "port 8080 has no known service");
        assertEquals(5, v.check().checkTimeoutSeconds());
        assertEquals(30, v.check().negotiateTimeoutSeconds());
        assertEquals(10, v.check().intervalSeconds());
        assertEquals(0, v.reals().getFirst().endpoint().port(), "a real without port has port 0");
        assertEquals("/", v.check().request());
        assertEquals("GET", v.check().httpMethod());
        assertEquals(Protocol.TCP, v.key().protocol());
    }

    @Test
    void dnsPortMakesUdpAndFtpGetsAnonymousLogin() {
        LdirectordConfig c = valid(dir,
                "virtual=10.0.0.1:53",
                "\treal=10.0.0.2:53 masq",
                "\trequest=\"www.example.com\"",
                "\treceive=\"10.0.0.9\"",
                "virtual=10.0.0.1:21",
                "\treal=10.0.0.2:21 masq",
                "virtual=10.0.0.1:5060",
                "\treal=10.0.0.2 gate");

        assertEquals("udp:10.0.0.1:53", c.virtuals().get(0).id());
        assertEquals(ServiceType.DNS, c.virtuals().get(0).check().service());
        assertEquals("anonymous", c.virtuals().get(1).check().login());
        assertEquals("ldirectord@director1.example.com", c.virtuals().get(1).check().password());
        assertEquals("ldirectord@director1.example.com", c.virtuals().get(2).check().login());
    }

    @Test
    void realRangesWeightsThresholdsAndPerRealChecks() {
        VirtualService v = valid(dir,
                "virtual=10.0.0.1:80",
                "\treal=10.0.1.254->10.0.2.1:8080 masq 3",
                "\treal=10.0.3.1:80 ipip 0 \"check.html\", \"OK\" l:10 u:200",
                "\treal=10.0.3.2:80 gate 2 \"/alive\" \"yes\"").virtuals().getFirst();

        assertEquals(List.of("10.0.1.254:8080", "10.0.1.255:8080", "10.0.2.0:8080", "10.0.2.1:8080",
                "10.0.3.1:80", "10.0.3.2:80"), v.reals().stream().map(r -> r.endpoint().toString()).toList());
        assertTrue(v.reals().subList(0, 4).stream().allMatch(r -> r.weight() == 3 && r.forwarding() == Forwarding.MASQ));
        RealServer withCheck = v.reals().get(4);
        assertEquals(Forwarding.IPIP, withCheck.forwarding());
        assertEquals(0, withCheck.weight());
        assertEquals(Optional.of("/check.html"), withCheck.request());
        assertEquals(Optional.of("OK"), withCheck.receive());
        assertEquals(10, withCheck.lowerThreshold());
        assertEquals(200, withCheck.upperThreshold());
        assertEquals(Optional.of("yes"), v.reals().get(5).receive(),
                "a per-real request starting with / keeps its receive string (ldirectord would drop it)");
    }

    @Test
    void firewallMarkAndIpv6Services() {
        LdirectordConfig c = valid(dir,
                "virtual=7",
                "\treal=10.0.0.2 gate",
                "\tchecktype=connect",
                "\tcheckport=443",
                "virtual6=[2001:db8::1]:443",
                "\treal6=[2001:db8::10]:443 masq",
                "\tnetmask=64",
                "\tpersistent=300",
                "virtual6=9",
                "\treal6=[2001:db8::11] gate");

        VirtualService mark = c.virtuals().get(0);
        assertEquals("fwm:7", mark.id());
        assertEquals("7", mark.key().display());
        assertEquals(Protocol.FWM, mark.key().protocol());
        assertEquals(OptionalInt.of(443), mark.check().checkPort());
        VirtualService v6 = c.virtuals().get(1);
        assertEquals("tcp:[2001:db8:0:0:0:0:0:1]:443", v6.id());
        assertEquals(ServiceType.HTTPS, v6.check().service());
        assertEquals(Optional.of("64"), v6.scheduling().netmask());
        assertEquals("[2001:db8:0:0:0:0:0:10]:443", v6.reals().getFirst().endpoint().toString());
        assertEquals("fwm6:9", c.virtuals().get(2).id());
    }

    @Test
    void hostAndServiceNamesAreResolved() {
        LdirectordConfigParser.Result r = LdirectordConfigParser.parse(write(
                "virtual=localhost:http", "\treal=localhost:https gate"),
                new LdirectordConfigParser.Options(NameResolver.system(), "d1"));

        VirtualService v = r.config().orElseThrow().virtuals().getFirst();
        assertEquals("tcp:127.0.0.1:80", v.id());
        assertEquals("127.0.0.1:443", v.reals().getFirst().endpoint().toString());
    }

    @Test
    void globalsAfterTheSectionsStillApplyAndSectionValuesOverride() {
        VirtualService v = valid(dir,
                "virtual=10.0.0.1:80",
                "\treal=10.0.0.2:80 gate",
                "\tnegotiatetimeout=7",
                "\tquiescent=yes",
                "",
                "checktimeout=3",
                "failurecount=4",
                "cleanstop=no").virtuals().getFirst();

        assertEquals(7, v.check().checkTimeoutSeconds(), "virtual negotiatetimeout before global checktimeout");
        assertEquals(7, v.check().negotiateTimeoutSeconds());
        assertEquals(4, v.check().failureCount());
        assertTrue(v.quiescent());
        assertFalse(v.cleanStop());
    }

    private Path write(String... lines) {
        Path file = dir.resolve("named.cf");
        try {
            java.nio.file.Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }
}
