/**
 * Kernel access through {@code java.lang.foreign}: no JNI, no helper processes.
 *
 * <p>Netlink, for every protocol: {@link org.jheartbeat.agents.kernel.NetlinkSocket} sends a request
 * built with {@link org.jheartbeat.agents.kernel.NetlinkMessageWriter} and returns
 * {@link org.jheartbeat.agents.kernel.NetlinkMessage}s whose attributes are read with
 * {@link org.jheartbeat.agents.kernel.NetlinkAttributes}. A protocol's fixed header follows the
 * 16-byte nlmsghdr: rtnetlink writes its {@code ifaddrmsg}/{@code ifinfomsg}/{@code rtmsg} with the
 * writer's {@code put*} methods and reads it from {@link org.jheartbeat.agents.kernel.NetlinkMessage#payload()};
 * generic netlink writes the 4-byte {@code genlmsghdr} (cmd, version, reserved u16) the same way and
 * reads attributes with {@code message.attributes(4)}. Failures are
 * {@link org.jheartbeat.agents.kernel.ErrnoException}s naming the call or request and the errno
 * ({@link org.jheartbeat.agents.kernel.NetlinkException} when the kernel refused a request).
 */
package org.jheartbeat.agents.kernel;
