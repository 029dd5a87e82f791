package org.jheartbeat.agents.lvs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jheartbeat.agents.kernel.ipvs.Ipvs;
import org.jheartbeat.agents.lvs.config.ConfigLocator;
import org.jheartbeat.agents.lvs.config.LdirectordConfigParser;
import org.jheartbeat.agents.lvs.config.NameResolver;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.InvalidParametersException;
import org.jheartbeat.core.agent.OcfResult;
import org.jheartbeat.core.agent.ResourceAgent;
import org.jheartbeat.core.config.Problem;

/**
 * {@code ldirectord::ldirectord.cf} in haresources: ldirectord running inside the daemon. FILE
 * is looked up as ldirectord does (the ha.d directory, then its conf/ subdirectory, then as
 * given). start loads the file, programs IPVS and begins checking; stop stops checking and
 * cleans up per cleanstop; monitor says whether this file's instance runs here.
 */
public final class LdirectordAgent implements ResourceAgent {

    public static final String NAME = "ldirectord";
    public static final String CONFIGFILE = "configfile";
    public static final String DEFAULT_CONFIG = "ldirectord.cf";

    private final Ldirectord.IpvsConnector connector;
    private final Map<Path, Ldirectord> running = new ConcurrentHashMap<>();

    /** For {@link java.util.ServiceLoader}: IPVS of the daemon's own network namespace. */
    public LdirectordAgent() {
        this(Ipvs::open);
    }

    public LdirectordAgent(Ldirectord.IpvsConnector connector) {
        this.connector = connector;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code ldirectord} alone means {@code ldirectord.cf}; {@code ldirectord::FILE} names the file. */
    @Override
    public Map<String, String> parameters(List<String> positional) throws InvalidParametersException {
        if (positional.size() > 1) {
            throw new InvalidParametersException("usage: ldirectord[::CONFIGFILE], got " + positional.size()
                    + " arguments");
        }
        return Map.of(CONFIGFILE, positional.isEmpty() ? DEFAULT_CONFIG : positional.getFirst());
    }

    @Override
    public ActionResult validate(AgentContext context, Map<String, String> parameters) {
        Optional<Path> file = locate(context, parameters);
        if (file.isEmpty()) {
            return notFound(context, parameters);
        }
        LdirectordConfigParser.Result r = LdirectordConfigParser.parse(file.get(), options(context));
        return r.valid() ? ActionResult.success() : ActionResult.of(OcfResult.ERR_CONFIGURED, firstError(r.problems()));
    }

    @Override
    public ActionResult start(AgentContext context, Map<String, String> parameters) {
        Optional<Path> file = locate(context, parameters);
        if (file.isEmpty()) {
            return notFound(context, parameters);
        }
        synchronized (running) {
            if (running.containsKey(file.get())) {
                return ActionResult.success();
            }
            try {
                running.put(file.get(), Ldirectord.start(file.get(), options(context), connector,
                        LdirectordEngine.DEFAULT_MAX_CONCURRENT_CHECKS));
                return ActionResult.success();
            } catch (Ldirectord.ConfigurationException e) {
                return ActionResult.of(OcfResult.ERR_CONFIGURED, firstError(e.problems()));
            } catch (IOException e) {
                return ActionResult.of(OcfResult.ERR_GENERIC, e.getMessage());
            }
        }
    }

    @Override
    public ActionResult stop(AgentContext context, Map<String, String> parameters) {
        Optional<Path> file = locate(context, parameters);
        synchronized (running) {
            Ldirectord instance = file.map(running::remove).orElse(null);
            if (instance == null) {
                return ActionResult.success();
            }
            try {
                instance.close();
                return ActionResult.success();
            } catch (IOException e) {
                return ActionResult.of(OcfResult.ERR_GENERIC, e.getMessage());
            }
        }
    }

    @Override
    public ActionResult monitor(AgentContext context, Map<String, String> parameters) {
        Optional<Path> file = locate(context, parameters);
        return file.isPresent() && running.containsKey(file.get()) ? ActionResult.success()
                : ActionResult.notRunning();
    }

    @Override
    public String metaData() {
        return """
                <?xml version="1.0"?>
                <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
                <resource-agent name="ldirectord" version="1.0">
                  <version>1.0</version>
                  <longdesc lang="en">Linux Director: checks the real servers of LVS virtual services and keeps \
                the kernel's IPVS table equal to the healthy ones, as configured in ldirectord.cf.</longdesc>
                  <shortdesc lang="en">LVS health checks and IPVS table management</shortdesc>
                  <parameters>
                    <parameter name="configfile" unique="1" required="0">
                      <longdesc lang="en">The ldirectord configuration, looked up in the ha.d directory, its \
                conf/ subdirectory, then as given.</longdesc>
                      <shortdesc lang="en">configuration file</shortdesc>
                      <content type="string" default="ldirectord.cf"/>
                    </parameter>
                  </parameters>
                  <actions>
                    <action name="start" timeout="15s"/>
                    <action name="stop" timeout="15s"/>
                    <action name="monitor" interval="20s" timeout="10s"/>
                    <action name="validate-all" timeout="10s"/>
                    <action name="meta-data" timeout="5s"/>
                  </actions>
                </resource-agent>
                """;
    }

    @Override
    public Duration timeout(String action) {
        return Duration.ofSeconds(action.equals("monitor") ? 10 : 15);
    }

    private static Optional<Path> locate(AgentContext context, Map<String, String> parameters) {
        return ConfigLocator.find(context.haDir(), parameters.getOrDefault(CONFIGFILE, DEFAULT_CONFIG));
    }

    private static ActionResult notFound(AgentContext context, Map<String, String> parameters) {
        return ActionResult.of(OcfResult.ERR_INSTALLED, "Config file " + parameters.getOrDefault(CONFIGFILE,
                DEFAULT_CONFIG) + " not found (looked in " + context.haDir() + ", " + context.haDir().resolve("conf")
                + " and the working directory)");
    }

    static LdirectordConfigParser.Options options(AgentContext context) {
        return new LdirectordConfigParser.Options(NameResolver.system(), localHostName(context.nodeName()));
    }

    private static String localHostName(String fallback) {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return fallback;
        }
    }

    private static String firstError(List<Problem> problems) {
        return problems.stream().filter(Problem::isError).map(Problem::format).findFirst()
                .orElse("configuration error");
    }
}
