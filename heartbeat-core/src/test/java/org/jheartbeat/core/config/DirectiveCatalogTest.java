package org.jheartbeat.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DirectiveCatalogTest {

    @Test
    void knowsEveryDirectiveByItsExactName() {
        for (Directive d : Directive.values()) {
            assertEquals(Optional.of(d), DirectiveCatalog.lookup(d.word()));
        }
        assertEquals(58, Directive.values().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Keepalive", "KEEPALIVE", "udp", "normalpoll", "hbaping", "tipc", "rds", "node:", ""})
    void namesAreExactAndCaseSensitive(String name) {
        assertTrue(DirectiveCatalog.lookup(name).isEmpty());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "Keepalive, keepalive", "DEADTIME, deadtime", "deadtim, deadtime", "dead_time, deadtime",
            "keepalve, keepalive", "nodes, node", "Node, node", "auto_failbak, auto_failback",
            "autofailback, auto_failback", "logfacilty, logfacility", "initdeadd, initdead",
            "ucats, ucast", "mcats, mcast", "respwan, respawn", "api_auth, apiauth", "UDP, bcast",
            "Ping_Group, ping_group", "use_logd, use_logd"})
    void suggestsTheClosestName(String typo, String expected) {
        assertEquals(Optional.of(expected), DirectiveCatalog.suggest(typo));
    }

    @ParameterizedTest
    @ValueSource(strings = {"normalpoll", "hbaping", "totally_unknown", "xyzzy"})
    void suggestsNothingForFarNames(String name) {
        assertEquals(Optional.empty(), DirectiveCatalog.suggest(name));
    }

    @Test
    void doesNotCompareVeryLongNames() {
        assertEquals(Optional.empty(), DirectiveCatalog.suggest("k".repeat(41)));
        assertEquals(Optional.empty(), DirectiveCatalog.suggest("keepalive".repeat(100_000)));
    }

    @Test
    void editDistance() {
        assertEquals(0, DirectiveCatalog.editDistance("node", "node"));
        assertEquals(1, DirectiveCatalog.editDistance("nod", "node"));
        assertEquals(1, DirectiveCatalog.editDistance("keepalve", "keepalive"));
        assertEquals(3, DirectiveCatalog.editDistance("kitten", "sitting"));
        assertEquals(4, DirectiveCatalog.editDistance("", "node"));
    }
}
