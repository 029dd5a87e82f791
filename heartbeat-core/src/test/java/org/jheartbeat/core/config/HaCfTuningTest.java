package org.jheartbeat.core.config;

import static org.jheartbeat.core.config.HaCfTesting.parseWithValid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The process and protocol tuning directives: checked, recorded, and noted as without effect. */
class HaCfTuningTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "realtime, off", "rtprio, 50", "coredumps, true", "coreroot, /var/lib/heartbeat/cores", "msgfmt, netstring",
            "compression, bz2", "compression_threshold, 10", "traditional_compression, yes", "max_rexmit_delay, 500",
            "memreserve, 8000", "hopfudge, 2", "uuidfrom, nodename", "hbgenmethod, time", "quorum_server, qs.example.com",
            "record_config_changes, off", "record_pengine_inputs, no", "enable_config_writes, 0"})
    void acceptedRecordedAndNotedAsIgnored(String directive, String value) {
        var r = parseWithValid(directive + " " + value);
        r.assertProblemCount(1).assertWarning(5, "parsed and ignored: " + directive + " has no effect in jheartbeat (");
        assertEquals(value, r.cf().parameters().get(directive));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "realtime|sometimes|Invalid realtime value [sometimes]",
            "rtprio|0|Illegal realtime priority [0]: expected a whole number 1..99",
            "rtprio|100|Illegal realtime priority [100]",
            "coredumps|maybe|Invalid coredumps value [maybe]",
            "msgfmt|xml|Invalid msgfmt [xml]: expected classic or netstring",
            "msgfmt|Classic|Invalid msgfmt [Classic]",
            "compression|gzip|Invalid compression [gzip]: expected zlib or bz2",
            "compression_threshold|0|Invalid compression_threshold [0]: expected a whole number greater than 0",
            "traditional_compression|2|Invalid traditional_compression value [2]",
            "max_rexmit_delay|-5|Invalid max_rexmit_delay time [-5]",
            "memreserve|lots|Invalid memreserve [lots]",
            "hopfudge|256|Invalid hopfudge [256]: expected a whole number 0..255",
            "uuidfrom|mac|Invalid uuidfrom directive [mac]: expected file or nodename",
            "hbgenmethod|random|Illegal hb generation method [random]: expected file or time",
            "record_config_changes|perhaps|Invalid record_config_changes value [perhaps]"})
    void refusedValues(String directive, String value, String message) {
        var r = parseWithValid(directive + " " + value);
        r.assertProblemCount(1).assertError(5, message);
        assertEquals(HaCfTesting.parseWithValid().cf().parameters().get(directive), r.cf().parameters().get(directive));
    }

    @Test
    void clusterNameIsRecordedWithoutANote() {
        var r = parseWithValid("cluster lvs-pair");
        r.assertClean();
        assertEquals("lvs-pair", r.cf().parameters().get("cluster"));
    }

    @Test
    void defaultsAreRecordedAsHeartbeatDoes() {
        Map<String, String> p = parseWithValid().cf().parameters();
        Map<String, String> expected = Map.ofEntries(
                Map.entry("cluster", "linux-ha"), Map.entry("hopfudge", "1"), Map.entry("keepalive", "1000ms"),
                Map.entry("deadtime", "30000ms"), Map.entry("baud", "19200"), Map.entry("hbgenmethod", "file"),
                Map.entry("realtime", "true"), Map.entry("msgfmt", "classic"), Map.entry("conn_logd_time", "60"),
                Map.entry("log_badpack", "true"), Map.entry("syslogmsgfmt", "true"), Map.entry("coredumps", "true"),
                Map.entry("pacemaker", "false"), Map.entry("autojoin", "none"), Map.entry("uuidfrom", "file"),
                Map.entry("compression", "zlib"), Map.entry("compression_threshold", "2"),
                Map.entry("traditional_compression", "no"), Map.entry("max_rexmit_delay", "250"),
                Map.entry("record_config_changes", "on"), Map.entry("record_pengine_inputs", "on"),
                Map.entry("enable_config_writes", "on"), Map.entry("memreserve", "6500"), Map.entry("debug", "0"),
                Map.entry("warntime", "15000ms"), Map.entry("initdead", "30000ms"), Map.entry("deadping", "30000ms"),
                Map.entry("udpport", "694"), Map.entry("auto_failback", "on"), Map.entry("logfacility", "local0"),
                Map.entry("logfile", "/dev/null"), Map.entry("debugfile", "/dev/null"));
        assertEquals(expected, p);
    }

    @Test
    void oneNotePerLineEvenWithSeveralValues() {
        var r = parseWithValid("realtime on off");
        r.assertProblemCount(1);
        assertEquals("off", r.cf().parameters().get("realtime"));
    }
}
