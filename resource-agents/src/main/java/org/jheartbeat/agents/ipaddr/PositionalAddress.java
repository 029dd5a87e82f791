package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.core.agent.InvalidParametersException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The haresources argument of the IPaddr2 and IPaddr wrappers:
 * {@code IP[/NETMASK[/NIC[:LABEL][/BROADCAST]]]}, or {@code IP/NETMASK/BROADCAST} when the third
 * field starts with a digit. Empty fields mean "find it" and are left out of the parameters.
 */
final class PositionalAddress {

    private PositionalAddress() {
    }

    /**
     * @param agent      the agent name, for messages
     * @param lvsSupport what the agent's wrapper forces {@code lvs_support} to ("1" for IPaddr2, "0" for IPaddr)
     */
    static Map<String, String> parameters(String agent, List<String> positional, String lvsSupport)
            throws InvalidParametersException {
        if (positional.size() != 1) {
            throw new InvalidParametersException(agent + " takes one argument, ip[/netmask[/interface[:label][/broadcast]]], got "
                    + positional.size() + ": " + String.join("::", positional));
        }
        String[] fields = positional.getFirst().split("/", -1);
        if (fields.length > 4) {
            throw new InvalidParametersException(agent + "::" + positional.getFirst()
                    + ": too many '/' fields, expected ip[/netmask[/interface[:label][/broadcast]]]");
        }
        if (fields[0].isEmpty()) {
            throw new InvalidParametersException(agent + "::" + positional.getFirst() + ": the IP address is missing");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("ip", fields[0]);
        putIfPresent(parameters, "cidr_netmask", fields, 1);
        if (fields.length == 3 && !fields[2].isEmpty() && Character.isDigit(fields[2].charAt(0))) {
            parameters.put("broadcast", fields[2]);
        } else {
            putIfPresent(parameters, "nic", fields, 2);
            putIfPresent(parameters, "broadcast", fields, 3);
        }
        parameters.put("lvs_support", lvsSupport);
        return parameters;
    }

    private static void putIfPresent(Map<String, String> parameters, String name, String[] fields, int index) {
        if (index < fields.length && !fields[index].isEmpty()) {
            parameters.put(name, fields[index]);
        }
    }
}
