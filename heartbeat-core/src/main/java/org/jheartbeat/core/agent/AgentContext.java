package org.jheartbeat.core.agent;

import java.nio.file.Path;

/**
 * What an agent may know about the daemon that runs it.
 *
 * @param haDir    the configuration directory (normally /etc/ha.d); relative file arguments
 *                 such as {@code ldirectord::ldirectord.cf} are resolved against it
 * @param nodeName this node's name as ha.cf knows it (lower case)
 */
public record AgentContext(Path haDir, String nodeName) {
}
