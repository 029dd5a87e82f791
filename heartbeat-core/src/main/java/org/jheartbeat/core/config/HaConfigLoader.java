package org.jheartbeat.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads ha.cf, haresources and authkeys from one directory and checks them against each other
 * (spec heartbeat-config.md §4, §7). Every problem of every file is reported in one go; a
 * {@link HaConfig} is produced only when there is no error, so nothing is ever half-applied.
 */
public final class HaConfigLoader {

    /**
     * @param directory     the configuration directory (normally /etc/ha.d)
     * @param localNode     this node's name; empty to find it as Heartbeat does
     * @param initDirectory where LSB init scripts live (normally /etc/init.d)
     * @param builtInAgents names of the agents implemented in jheartbeat
     */
    public record Options(Path directory, Optional<String> localNode, Path initDirectory,
                          Set<String> builtInAgents) {

        public static Options of(Path directory, Optional<String> localNode, Set<String> builtInAgents) {
            return new Options(directory, localNode, Path.of("/etc/init.d"), builtInAgents);
        }
    }

    /** The outcome of a load: the configuration when valid, and every problem found. */
    public record Result(Optional<HaConfig> config, List<Problem> problems, String localNode,
                         Optional<HaCf> haCf, Optional<HaResources> haResources,
                         Optional<AuthKeys> authKeys, List<ResolvedGroup> groups) {

        public boolean valid() {
            return config.isPresent();
        }
    }

    private HaConfigLoader() {
    }

    public static Result load(Options options) {
        Path dir = options.directory();
        Path haCfFile = dir.resolve("ha.cf");
        Path resourcesFile = dir.resolve("haresources");
        Path authKeysFile = dir.resolve("authkeys");
        String localNode = options.localNode()
                .map(n -> n.toLowerCase(Locale.ROOT))
                .orElseGet(() -> LocalNodeName.find(dir));

        Problems problems = new Problems();
        Optional<HaCf> haCf = HaCfParser.read(haCfFile, problems);
        Optional<AuthKeys> authKeys = AuthKeysParser.read(authKeysFile, problems);
        Optional<HaResources> resources = HaResourcesParser.read(resourcesFile, problems);

        haCf.ifPresent(cf -> checkLocalNode(cf, localNode, haCfFile, problems));
        List<ResolvedGroup> groups = new ArrayList<>();
        resources.ifPresent(res -> {
            for (ResourceGroup group : res.groups()) {
                haCf.ifPresent(cf -> checkHomeNode(cf, group, resourcesFile, problems));
                groups.add(resolve(group, localNode, options, resourcesFile, problems));
            }
        });

        Optional<HaConfig> config = Optional.empty();
        if (!problems.hasErrors() && haCf.isPresent() && authKeys.isPresent() && resources.isPresent()) {
            config = Optional.of(new HaConfig(dir, localNode, haCf.get(), authKeys.get(), groups));
        }
        return new Result(config, problems.list(), localNode, haCf, resources, authKeys, List.copyOf(groups));
    }

    private static void checkLocalNode(HaCf cf, String localNode, Path file, Problems problems) {
        if (!cf.nodes().contains(localNode)) {
            problems.error(file, 0, "Current node [" + localNode + "] not in configuration! Cluster nodes"
                    + " are named by `uname -n` (or DIR/nodeinfo, or --node NAME) and must be declared"
                    + " with a 'node' directive; declared: " + String.join(", ", cf.nodes()));
        }
    }

    private static void checkHomeNode(HaCf cf, ResourceGroup group, Path file, Problems problems) {
        if (!cf.nodes().contains(group.homeNode())) {
            problems.error(file, group.line(), "Bad nodename in " + file + " [" + group.homeNode()
                    + "]: a group must start with a node declared in ha.cf ("
                    + String.join(", ", cf.nodes()) + ")");
        }
    }

    private static ResolvedGroup resolve(ResourceGroup group, String localNode, Options options,
                                         Path file, Problems problems) {
        List<ResolvedResource> resolved = new ArrayList<>();
        for (ResourceSpec spec : group.resources()) {
            resolved.add(resolve(spec, options, file, group.line(), problems));
        }
        return new ResolvedGroup(group.homeNode(), group.homeNode().equals(localNode), resolved, group.line());
    }

    /** Built-in agent first, then DIR/resource.d/NAME, then /etc/init.d/NAME, as Heartbeat searches. */
    private static ResolvedResource resolve(ResourceSpec spec, Options options, Path file, int line,
                                            Problems problems) {
        String name = spec.agentName();
        if (options.builtInAgents().contains(name)) {
            return new ResolvedResource(spec, ResourceKind.BUILT_IN, Optional.empty());
        }
        Path heartbeatScript = options.directory().resolve("resource.d").resolve(name);
        Path lsbScript = options.initDirectory().resolve(name);
        if (!name.contains("/")) {
            if (isExecutableFile(heartbeatScript)) {
                return new ResolvedResource(spec, ResourceKind.HEARTBEAT_SCRIPT, Optional.of(heartbeatScript));
            }
            if (isExecutableFile(lsbScript)) {
                return new ResolvedResource(spec, ResourceKind.LSB_SCRIPT, Optional.of(lsbScript));
            }
        }
        String hint = Files.isRegularFile(heartbeatScript) ? " (" + heartbeatScript + " exists but is not executable)"
                : Files.isRegularFile(lsbScript) ? " (" + lsbScript + " exists but is not executable)" : "";
        problems.error(file, line, "Cannot locate resource script " + name + ": it is not a built-in agent ("
                + String.join(", ", options.builtInAgents().stream().sorted().toList())
                + ") and there is no executable " + heartbeatScript + " or " + lsbScript + hint);
        return new ResolvedResource(spec, ResourceKind.UNRESOLVED, Optional.empty());
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
