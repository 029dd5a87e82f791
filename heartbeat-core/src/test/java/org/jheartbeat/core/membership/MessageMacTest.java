package org.jheartbeat.core.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jheartbeat.core.config.AuthKey;
import org.jheartbeat.core.config.AuthMethod;
import org.junit.jupiter.api.Test;

/** Golden values: RFC 2202 / RFC 4231 test case 2 for the HMACs, the CRC-32/CKSUM check value. */
class MessageMacTest {

    private static final byte[] DATA = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);

    private static String sign(AuthMethod method, String key, byte[] data) {
        return HexFormat.of().formatHex(MessageMac.of(new AuthKey(1, method, key)).sign(data));
    }

    @Test
    void hmacMd5MatchesRfc2202() {
        assertEquals("750c783e6ab0b503eaa86e310a5db738", sign(AuthMethod.MD5, "Jefe", DATA));
    }

    @Test
    void hmacSha1MatchesRfc2202() {
        assertEquals("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", sign(AuthMethod.SHA1, "Jefe", DATA));
    }

    @Test
    void hmacSha256MatchesRfc4231() {
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                sign(AuthMethod.SHA256, "Jefe", DATA));
    }

    @Test
    void hmacSha512MatchesRfc4231() {
        assertEquals("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
                sign(AuthMethod.SHA512, "Jefe", DATA));
    }

    @Test
    void crcIsHeartbeatsMsbFirstCrc32() {
        assertEquals("765e7680", sign(AuthMethod.CRC, "", "123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void manyThreadsSigningAtOnceGetTheSameSignaturesAsOne() throws Exception {
        MessageMac mac = MessageMac.of(new AuthKey(2, AuthMethod.SHA256, "ThisIsMyPassword"));
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            inputs.add(("message " + i).repeat(i + 1).getBytes(StandardCharsets.US_ASCII));
        }
        List<String> alone = inputs.stream().map(in -> HexFormat.of().formatHex(mac.sign(in))).toList();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> together = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                together.add(threads.submit(() -> {
                    int wrong = 0;
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < inputs.size(); i++) {
                            if (!alone.get(i).equals(HexFormat.of().formatHex(mac.sign(inputs.get(i))))) {
                                wrong++;
                            }
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> wrong : together) {
                assertEquals(0, wrong.get(), "signatures that differ from the same input signed alone");
            }
        }
    }

    @Test
    void signingTwiceGivesTheSameValue() {
        MessageMac mac = MessageMac.of(new AuthKey(2, AuthMethod.SHA1, "ThisIsMyPassword"));
        assertEquals(HexFormat.of().formatHex(mac.sign(DATA)), HexFormat.of().formatHex(mac.sign(DATA)));
    }
}
