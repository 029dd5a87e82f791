package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.GratuitousArp;
import org.jheartbeat.agents.kernel.Link;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.InvalidParametersException;
import org.jheartbeat.core.agent.OcfResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SendArp (resource-agents spec §6.3): announces an address with a gratuitous ARP burst without
 * managing the address itself. Running means "announced and not stopped since": a state file in
 * the state directory, so the answer survives a daemon restart.
 */
public final class SendArp extends AddressAgent {

    private static final Logger LOG = LoggerFactory.getLogger(SendArp.class);

    public SendArp() {
        this(configuredStateDirectory());
    }

    public SendArp(Path stateDirectory) {
        super(stateDirectory);
    }

    @Override
    public String name() {
        return "SendArp";
    }

    /** {@code SendArp::IP/NIC}. */
    @Override
    public Map<String, String> parameters(List<String> positional) throws InvalidParametersException {
        if (positional.size() != 1) {
            throw new InvalidParametersException("SendArp takes one argument, ip/nic, got " + positional.size()
                    + ": " + String.join("::", positional));
        }
        String[] fields = positional.getFirst().split("/", -1);
        if (fields.length != 2 || fields[0].isEmpty() || fields[1].isEmpty()) {
            throw new InvalidParametersException("SendArp::" + positional.getFirst() + ": expected ip/nic");
        }
        return Map.of("ip", fields[0], "nic", fields[1]);
    }

    private record Target(Inet4Address ip, String nic, boolean background) {
    }

    private static Target target(Map<String, String> parameters) throws AgentFailure {
        String ipText = OcfValues.value(parameters, "ip")
                .orElseThrow(() -> AgentFailure.configured("IP address (the ip parameter) is mandatory"));
        String nic = OcfValues.value(parameters, "nic")
                .orElseThrow(() -> AgentFailure.configured("Network interface (the nic parameter) is mandatory"));
        Inet4Address ip = OcfValues.ipv4(ipText)
                .orElseThrow(() -> AgentFailure.configured("IP address [" + ipText + "] not valid."));
        return new Target(ip, nic, OcfValues.isTrue(parameters, "background", true));
    }

    private Path stateFile(Target target) {
        return stateDirectory.resolve("SendArp_" + target.ip().getHostAddress() + "_" + target.nic());
    }

    @Override
    public ActionResult validate(AgentContext context, Map<String, String> parameters) {
        try {
            Target target = target(parameters);
            ArpConfig.read(context.haDir(), target.nic());
            return inKernel("validate-all", Optional.empty(), table -> {
                table.requireLink(target.nic());
                return ActionResult.success();
            });
        } catch (AgentFailure e) {
            return e.toResult();
        }
    }

    @Override
    public ActionResult start(AgentContext context, Map<String, String> parameters) {
        return withTarget(context, parameters, "start", (target, config) -> inKernel("start", Optional.empty(), table -> {
            if (running(target)) {
                return ActionResult.success();
            }
            Link link = table.requireLink(target.nic());
            if (!GratuitousArp.canAnnounce(link)) {
                return ActionResult.of(OcfResult.ERR_CONFIGURED, "Cannot find mac address for " + target.nic());
            }
            Announcements.announce(link, target.ip(), Optional.empty(), config.repeat(), config.interval(),
                    target.background());
            Files.createDirectories(stateDirectory);
            Files.writeString(stateFile(target), target.ip().getHostAddress() + " " + target.nic() + "\n");
            return ActionResult.success();
        }));
    }

    @Override
    public ActionResult stop(AgentContext context, Map<String, String> parameters) {
        return withTarget(context, parameters, "stop", (target, config) -> {
            Announcements.stop(target.ip());
            try {
                Files.deleteIfExists(stateFile(target));
            } catch (IOException e) {
                return ActionResult.of(OcfResult.ERR_GENERIC, "cannot remove " + stateFile(target) + ": " + e.getMessage());
            }
            LOG.info("SendArp for {}/{} released", target.ip().getHostAddress(), target.nic());
            return ActionResult.success();
        });
    }

    @Override
    public ActionResult monitor(AgentContext context, Map<String, String> parameters) {
        return withTarget(context, parameters, "monitor",
                (target, config) -> running(target) ? ActionResult.success() : ActionResult.notRunning());
    }

    /** Sends the burst again while the resource is started. */
    @Override
    public ActionResult reannounce(AgentContext context, Map<String, String> parameters) {
        return withTarget(context, parameters, "reannounce", (target, config) -> {
            if (!running(target)) {
                return ActionResult.notRunning();
            }
            return inKernel("reannounce", Optional.empty(), table -> {
                Announcements.announce(table.requireLink(target.nic()), target.ip(), Optional.empty(), config.repeat(),
                        config.interval(), target.background());
                return ActionResult.success();
            });
        });
    }

    private boolean running(Target target) {
        return Announcements.running(target.ip()) || Files.exists(stateFile(target));
    }

    private interface TargetAction {
        ActionResult run(Target target, ArpConfig config);
    }

    private static ActionResult withTarget(AgentContext context, Map<String, String> parameters, String action,
                                           TargetAction body) {
        try {
            Target target = target(parameters);
            return body.run(target, ArpConfig.read(context.haDir(), target.nic()));
        } catch (AgentFailure e) {
            LOG.debug("SendArp {}: {}", action, e.getMessage());
            return e.toResult();
        }
    }

    @Override
    public String metaData() {
        return AgentMetaData.load(name());
    }
}
