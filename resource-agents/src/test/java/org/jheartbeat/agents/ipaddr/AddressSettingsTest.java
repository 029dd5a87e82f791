package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.OcfResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IPaddr2 and IPaddr parameter checks (spec §4.2, §5): codes and the operator's messages. */
class AddressSettingsTest {

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static ActionResult refusal(Map<String, String> p) {
        return assertThrows(AgentFailure.class, () -> AddressSettings.ipaddr2(p)).toResult();
    }

    private static ActionResult configured(String reason) {
        return ActionResult.of(OcfResult.ERR_CONFIGURED, reason);
    }

    @Test
    void defaultsAreIpaddr2s() throws Exception {
        AddressSettings s = AddressSettings.ipaddr2(params("ip", "10.0.0.5"));
        assertEquals(5, s.arpCount());
        assertEquals(Duration.ofMillis(200), s.arpInterval());
        assertTrue(s.arpBackground());
        assertFalse(s.lvsSupport());
        assertEquals(OptionalInt.empty(), s.prefixLength());
        assertEquals(Optional.empty(), s.nic());
    }

    @Test
    void ipaddrDefaultsToEth0AndSlowerLongerBursts() throws Exception {
        AddressSettings s = AddressSettings.ipaddr(params("ip", "10.0.0.5"));
        assertEquals(Optional.of("eth0"), s.nic());
        assertEquals(10, s.arpCount());
        assertEquals(Duration.ofMillis(500), s.arpInterval());
    }

    @Test
    void addressProblems() {
        assertEquals(configured("IP address (the ip parameter) is mandatory"), refusal(params()));
        assertEquals(configured("IP address [10.0.0.256] not valid."), refusal(params("ip", "10.0.0.256")));
        assertEquals(configured("IP address [vip.example.com] not valid."), refusal(params("ip", "vip.example.com")));
        assertEquals(configured("IPv6 address [2001:db8::5] is not supported: jheartbeat's IPaddr2 manages IPv4 addresses only"),
                refusal(params("ip", "2001:db8::5")));
    }

    @Test
    void netmaskBroadcastAndLabelProblems() throws Exception {
        assertEquals(configured("Invalid netmask specification [33]."), refusal(params("ip", "10.0.0.5", "cidr_netmask", "33")));
        assertEquals(configured("Invalid netmask specification [0]."), refusal(params("ip", "10.0.0.5", "cidr_netmask", "0")));
        assertEquals(configured("Invalid netmask specification [255.0.255.0]."),
                refusal(params("ip", "10.0.0.5", "cidr_netmask", "255.0.255.0")));
        assertEquals(OptionalInt.of(24),
                AddressSettings.ipaddr2(params("ip", "10.0.0.5", "cidr_netmask", "255.255.255.0")).prefixLength());
        assertEquals(configured("Invalid broadcast address [10.0.0]."), refusal(params("ip", "10.0.0.5", "broadcast", "10.0.0")));
        assertEquals(Optional.of("+"), AddressSettings.ipaddr2(params("ip", "10.0.0.5", "broadcast", "+")).broadcast());
        assertEquals(configured("Interface label [eth0:averylonglabel] exceeds maximum character limit of 15"),
                refusal(params("ip", "10.0.0.5", "nic", "eth0", "iflabel", "averylonglabel")));
        AddressSettings labelled = AddressSettings.ipaddr2(params("ip", "10.0.0.5", "nic", "eth0:vip"));
        assertEquals(Optional.of("eth0"), labelled.nic());
        assertEquals("eth0:vip", labelled.labelFor("eth0"));
    }

    @Test
    void arpProblems() {
        assertEquals(configured("Invalid OCF_RESKEY_arp_interval [0]"), refusal(params("ip", "10.0.0.5", "arp_interval", "0")));
        assertEquals(configured("Invalid OCF_RESKEY_arp_count [-1]"), refusal(params("ip", "10.0.0.5", "arp_count", "-1")));
        assertEquals(configured("Invalid OCF_RESKEY_arp_count [five]"), refusal(params("ip", "10.0.0.5", "arp_count", "five")));
        assertEquals(configured("unrecognized arp_sender value: carrier_pigeon"),
                refusal(params("ip", "10.0.0.5", "arp_sender", "carrier_pigeon")));
        assertEquals(configured("Invalid OCF_RESKEY_arp_mac [zz]"), refusal(params("ip", "10.0.0.5", "arp_mac", "zz")));
        assertEquals(configured("Invalid OCF_RESKEY_preferred_lft []"), refusal(params("ip", "10.0.0.5", "preferred_lft", "")));
    }

    @Test
    void booleansFollowOcfIsTrue() throws Exception {
        for (String yes : new String[] {"yes", "true", "1", "YES", "TRUE", "True", "ja", "on", "ON"}) {
            assertTrue(AddressSettings.ipaddr2(params("ip", "10.0.0.5", "lvs_support", yes)).lvsSupport(), yes);
        }
        for (String no : new String[] {"no", "false", "0", "off", "nein"}) {
            assertFalse(AddressSettings.ipaddr2(params("ip", "10.0.0.5", "lvs_support", no)).lvsSupport(), no);
        }
    }
}
