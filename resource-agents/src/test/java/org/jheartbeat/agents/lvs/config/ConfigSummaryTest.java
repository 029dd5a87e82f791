package org.jheartbeat.agents.lvs.config;

import static org.jheartbeat.agents.lvs.config.ConfigFiles.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSummaryTest {

    @TempDir
    Path dir;

    @Test
    void spellsOutEveryInheritedValue() {
        LdirectordConfig c = valid(dir,
                "checktimeout=15",
                "logfile=\"local0\"",
                "quiescent=yes",
                "fallback=127.0.0.1",
                "virtual=192.168.0.100:80",
                "    real=192.168.0.1:80 gate",
                "    real=192.168.0.2:80 gate 2 \"alive.html\", \"OK\"",
                "    request=\"ldirectord.html\"",
                "    receive=\"It worked\"",
                "    persistent=600",
                "virtual=2",
                "    checktype=connect",
                "    real=192.168.0.1 gate");

        assertEquals(List.of(
                "ldirectord configuration " + dir.resolve("ldirectord.cf") + ":",
                "  daemon: checkinterval 10 s, autoreload no, fork no, supervised no, readdquiescent no",
                "  log: syslog facility local0",
                "  virtual tcp:192.168.0.100:80 (line 5): scheduler wrr, persistent 600 s",
                "    on failure: quiescent (weight 0), cleanstop yes",
                "    check: negotiate http GET request \"/ldirectord.html\" receive \"It worked\", timeout 15 s,"
                        + " every 10 s, down after 1 failure",
                "    real 192.168.0.1:80 gate weight 1",
                "    real 192.168.0.2:80 gate weight 2 request \"/alive.html\" receive \"OK\"",
                "    fallback 127.0.0.1:80 gate weight 1",
                "  virtual fwm:2 (line 11): scheduler wrr",
                "    on failure: quiescent (weight 0), cleanstop yes",
                "    check: connect, timeout 15 s, every 10 s, down after 1 failure",
                "    real 192.168.0.1:0 gate weight 1"), ConfigSummary.lines(c));
    }
}
