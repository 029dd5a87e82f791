package org.jheartbeat.core.config;

import static org.jheartbeat.core.config.HaCfTesting.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** logfacility, logfile, debugfile, use_logd and debug, with Heartbeat's check_logd_usage rules. */
class HaCfLoggingTest {

    /** Valid lines without logging; the lines under test start at line 4. */
    private static HaCfTesting.Result logging(String... lines) {
        List<String> all = new ArrayList<>(List.of("node loadb1 loadb2", "bcast eth0", "auto_failback on"));
        all.addAll(List.of(lines));
        return parse(all.toArray(String[]::new));
    }

    @Test
    void theTutorialSettings() {
        var r = logging("logfile /var/log/ha-log", "debugfile /var/log/ha-debug", "logfacility local0", "debug 1");
        r.assertClean();
        assertEquals(new LoggingSettings(Optional.of(Path.of("/var/log/ha-log")), Optional.of(Path.of("/var/log/ha-debug")),
                Optional.of("local0"), false, 1), r.cf().logging());
        assertEquals("local0", r.cf().parameters().get("logfacility"));
        assertEquals("/var/log/ha-log", r.cf().parameters().get("logfile"));
        assertEquals("1", r.cf().parameters().get("debug"));
    }

    @Test
    void syslogOnlyRecordsDevNullForTheFiles() {
        var r = logging("logfacility daemon");
        r.assertClean();
        assertEquals(Optional.empty(), r.cf().logging().logfile());
        assertEquals("/dev/null", r.cf().parameters().get("logfile"));
        assertEquals("/dev/null", r.cf().parameters().get("debugfile"));
        assertEquals(0, r.cf().logging().debugLevel());
        assertEquals("0", r.cf().parameters().get("debug"));
    }

    @Test
    void withoutAnyLogTargetLogdIsUsed() {
        var r = logging();
        r.assertClean();
        assertTrue(r.cf().logging().useLogd());
        assertEquals("yes", r.cf().parameters().get("use_logd"));
        var facilityNone = logging("logfacility none");
        facilityNone.assertClean();
        assertEquals(Optional.empty(), facilityNone.cf().logging().facility());
        assertTrue(facilityNone.cf().logging().useLogd());
        logging("use_logd yes").assertClean();
    }

    @Test
    void noLogTargetAndLogdOffIsAnError() {
        var r = logging("use_logd off");
        r.assertProblemCount(1).assertError(4, "No log entry found in ha.cf and use_logd is set to off");
        assertFalse(r.cf().logging().useLogd());
    }

    @Test
    void logdTogetherWithLogTargets() {
        logging("logfile /var/log/ha-log", "logfacility local0", "use_logd on").assertProblemCount(1)
                .assertWarning(6, "logd is enabled but logfile/logfacility is still configured in ha.cf");
        logging("debugfile /var/log/ha-debug", "use_logd yes").assertProblemCount(1)
                .assertWarning(5, "logd is enabled but debugfile is still configured in ha.cf");
        var off = logging("logfile /var/log/ha-log", "use_logd no");
        off.assertClean();
        assertFalse(off.cf().logging().useLogd());
    }

    @Test
    void badUseLogd() {
        logging("logfacility local0", "use_logd sometimes").assertProblemCount(1)
                .assertError(5, "Invalid use_logd [sometimes]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth", "authpriv", "cron", "daemon", "ftp", "kern", "lpr", "mail", "news", "security",
            "syslog", "user", "uucp", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"})
    void everySyslogFacility(String facility) {
        var r = logging("logfacility " + facility);
        r.assertClean();
        assertEquals(Optional.of(facility), r.cf().logging().facility());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOCAL0", "local8", "Daemon", "mark", "syslogd", "0"})
    void badFacilities(String facility) {
        var r = logging("logfile /var/log/ha-log", "logfacility " + facility);
        r.assertProblemCount(1).assertError(5, "Log facility(" + facility + ") not valid");
    }

    @Test
    void relativeLogPathsAreWarnedAbout() {
        logging("logfile ha-log").assertProblemCount(1)
                .assertWarning(4, "logfile [ha-log] is not an absolute path; the daemon runs in / so it means /ha-log");
    }

    @Test
    void debugLevels() {
        assertEquals(255, logging("logfacility local0", "debug 255").cf().logging().debugLevel());
        logging("logfacility local0", "debug 256").assertError(5, "Invalid debug level [256]: expected 0..255");
        logging("logfacility local0", "debug -1").assertError(5, "Invalid debug level [-1]");
        logging("logfacility local0", "debug high").assertError(5, "Invalid debug level [high]");
    }

    @Test
    void logFormatSwitchesAreRecorded() {
        var r = logging("logfacility local0", "syslogmsgfmt false", "log_badpack off");
        r.assertClean();
        assertEquals("false", r.cf().parameters().get("syslogmsgfmt"));
        assertEquals("off", r.cf().parameters().get("log_badpack"));
        logging("logfacility local0", "syslogmsgfmt maybe").assertError(5, "Invalid syslogmsgfmt value [maybe]");
    }

    @Test
    void connLogdTime() {
        logging("logfacility local0", "conn_logd_time 30").assertProblemCount(1)
                .assertWarning(5, "parsed and ignored: conn_logd_time has no effect in jheartbeat");
        logging("logfacility local0", "conn_logd_time 0").assertError(5, "Invalid conn_logd_time [0]");
        assertEquals("60", logging("logfacility local0").cf().parameters().get("conn_logd_time"));
    }
}
