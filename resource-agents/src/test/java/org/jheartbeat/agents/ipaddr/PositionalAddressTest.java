package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.core.agent.InvalidParametersException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The haresources forms of resource-agents spec §3.1, through the agents' own parameters(). */
class PositionalAddressTest {

    private final IPaddr2 ipaddr2 = new IPaddr2(java.nio.file.Path.of("unused"));
    private final IPaddr ipaddr = new IPaddr(java.nio.file.Path.of("unused"));
    private final SendArp sendArp = new SendArp(java.nio.file.Path.of("unused"));

    @Test
    void ipaddr2FourFieldsAsInTheSeeds() throws Exception {
        assertEquals(Map.of("ip", "192.168.0.100", "cidr_netmask", "24", "nic", "eth0", "broadcast", "192.168.0.255",
                "lvs_support", "1"), ipaddr2.parameters(List.of("192.168.0.100/24/eth0/192.168.0.255")));
    }

    @Test
    void ipaddr2ThreeFieldsWithInterfaceOrBroadcast() throws Exception {
        assertEquals(Map.of("ip", "10.0.0.5", "cidr_netmask", "24", "nic", "eth1", "lvs_support", "1"),
                ipaddr2.parameters(List.of("10.0.0.5/24/eth1")));
        assertEquals(Map.of("ip", "10.0.0.5", "cidr_netmask", "24", "broadcast", "10.0.0.255", "lvs_support", "1"),
                ipaddr2.parameters(List.of("10.0.0.5/24/10.0.0.255")));
        assertEquals(Map.of("ip", "10.0.0.5", "cidr_netmask", "24", "nic", "eth0:vip", "lvs_support", "1"),
                ipaddr2.parameters(List.of("10.0.0.5/24/eth0:vip")));
    }

    @Test
    void bareAddressAndEmptyFieldsLeaveTheRestToFindif() throws Exception {
        assertEquals(Map.of("ip", "10.0.0.5", "lvs_support", "1"), ipaddr2.parameters(List.of("10.0.0.5")));
        assertEquals(Map.of("ip", "10.0.0.5", "nic", "eth0", "lvs_support", "1"),
                ipaddr2.parameters(List.of("10.0.0.5//eth0")));
        assertEquals(Map.of("ip", "10.0.0.5", "cidr_netmask", "24", "broadcast", "10.0.0.255", "lvs_support", "1"),
                ipaddr2.parameters(List.of("10.0.0.5/24//10.0.0.255")));
    }

    @Test
    void ipaddrWrapperForcesLvsSupportOff() throws Exception {
        assertEquals(Map.of("ip", "172.26.46.119", "cidr_netmask", "24", "nic", "eth0", "lvs_support", "0"),
                ipaddr.parameters(List.of("172.26.46.119/24/eth0")));
    }

    @Test
    void sendArpTakesIpSlashNic() throws Exception {
        assertEquals(Map.of("ip", "10.0.0.5", "nic", "eth0"), sendArp.parameters(List.of("10.0.0.5/eth0")));
        assertThrows(InvalidParametersException.class, () -> sendArp.parameters(List.of("10.0.0.5")));
        assertThrows(InvalidParametersException.class, () -> sendArp.parameters(List.of("10.0.0.5/")));
    }

    @Test
    void malformedFormsAreRefusedWithTheReason() {
        InvalidParametersException tooMany = assertThrows(InvalidParametersException.class,
                () -> ipaddr2.parameters(List.of("10.0.0.5/24/eth0/10.0.0.255/x")));
        assertTrue(tooMany.getMessage().contains("too many '/' fields"), tooMany.getMessage());
        assertThrows(InvalidParametersException.class, () -> ipaddr2.parameters(List.of("/24/eth0")));
        InvalidParametersException two = assertThrows(InvalidParametersException.class,
                () -> ipaddr2.parameters(List.of("10.0.0.5", "10.0.0.6")));
        assertTrue(two.getMessage().startsWith("IPaddr2 takes one argument"), two.getMessage());
    }
}
