package org.jheartbeat.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeartbeatBooleanTest {

    @ParameterizedTest
    @ValueSource(strings = {"true", "on", "yes", "y", "1", "TRUE", "On", "YES", "Y"})
    void trueWords(String word) {
        assertEquals(Optional.of(true), HeartbeatBoolean.parse(word));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "off", "no", "n", "0", "FALSE", "Off", "NO", "N"})
    void falseWords(String word) {
        assertEquals(Optional.of(false), HeartbeatBoolean.parse(word));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "enabled", "disable", "t", "f", "ye\u017f", "onn", "yes!", " yes"})
    void anythingElseIsInvalid(String word) {
        assertEquals(Optional.empty(), HeartbeatBoolean.parse(word));
    }
}
