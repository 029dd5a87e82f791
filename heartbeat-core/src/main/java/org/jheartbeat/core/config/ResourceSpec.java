package org.jheartbeat.core.config;

import java.util.List;
import java.util.Objects;

/**
 * One resource of a haresources group, split the way Heartbeat's ResourceManager splits it.
 * The parser only splits; the agent named here interprets the arguments.
 *
 * <ul>
 *   <li>{@code IPaddr2::10.0.0.5/24/eth0::x}: agent {@code IPaddr2}, arguments
 *       {@code [10.0.0.5/24/eth0, x]}</li>
 *   <li>{@code 10.0.0.5/24/eth0} (IP shorthand): agent {@code IPaddr}, arguments
 *       {@code [10.0.0.5/24/eth0]}, {@code ipShorthand} true</li>
 *   <li>{@code httpd}: agent {@code httpd}, no arguments</li>
 * </ul>
 *
 * @param token       the resource exactly as written in the file
 * @param agentName   the resource script or agent to run (the part before the first {@code ::})
 * @param arguments   the positional arguments Heartbeat passes to the script, in order
 * @param ipShorthand whether the token was a bare address standing for {@code IPaddr::TOKEN}
 */
public record ResourceSpec(String token, String agentName, List<String> arguments, boolean ipShorthand) {

    public ResourceSpec {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(agentName, "agentName");
        arguments = List.copyOf(arguments);
    }
}
