package org.jheartbeat.cli.compare;

import java.nio.file.Path;

/**
 * One director of the comparison lab.
 *
 * @param name      node name ({@code d1} is the VIP's home, {@code d2} the backup)
 * @param namespace its network namespace
 * @param address   its own address on eth0
 * @param mac       eth0's MAC (tells whose gratuitous ARPs the client sees)
 * @param home      a directory of its own: configuration, logs, and the private file system
 *                  trees heartbeat 3.0.6 and keepalived get
 */
record Director(String name, String namespace, String address, String mac, Path home) {
}
