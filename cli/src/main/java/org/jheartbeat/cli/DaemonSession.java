package org.jheartbeat.cli;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.AgentRegistry;
import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.manager.ManagedGroup;
import org.jheartbeat.core.manager.ResourceManager;
import org.jheartbeat.core.membership.Membership;
import org.jheartbeat.core.membership.MembershipException;
import org.jheartbeat.core.policy.HoldSet;
import org.jheartbeat.core.policy.Ipfail;
import org.jheartbeat.core.policy.IpfailConfig;
import org.jheartbeat.core.policy.Policy;
import org.jheartbeat.core.policy.PolicyConfig;
import org.jheartbeat.core.policy.PolicyState;

/**
 * One configuration at work: membership and the resource manager started from the same ha.cf,
 * haresources and authkeys. The daemon runs one session from start to stop, or several when a
 * changed ha.cf restarts it in place.
 */
record DaemonSession(HaConfig config, Membership membership, ResourceManager manager) {

    /** What a restarted session carries over: the hold set and the groups that keep running. */
    record Carried(HoldSet holds, Set<String> running) {

        static Carried from(PolicyState state) {
            return new Carried(state.holds(), state.groups().entrySet().stream()
                    .filter(e -> e.getValue() == org.jheartbeat.core.policy.GroupStatus.RUNNING)
                    .map(java.util.Map.Entry::getKey).collect(java.util.stream.Collectors.toUnmodifiableSet()));
        }
    }

    /** The parts of a session that need no network: made first, so a bad configuration changes nothing. */
    record Prepared(HaConfig config, Policy policy, List<ManagedGroup> groups) {

        /** @throws IllegalArgumentException naming haresources' line when a resource cannot be run */
        static Prepared of(HaConfig config, DaemonSettings settings) {
            return new Prepared(config, new Policy(PolicyConfig.from(config)),
                    ManagedGroups.bind(config, AgentRegistry.load(), settings.scriptTimeouts()));
        }

        /** Starts membership, then the manager: fresh, or keeping what a restart carried over. */
        DaemonSession start(DaemonSettings settings, Optional<Carried> carried) throws IOException, MembershipException {
            MembershipRelay relay = new MembershipRelay();
            Membership membership = Membership.start(config, settings.stateDirectory(), relay, relay);
            String peer = policy.config().peer().orElse(null);
            PolicyState initial = carried
                    .map(c -> policy.restartedState(membership.incarnation(), c.holds(), c.running()))
                    .orElseGet(() -> policy.initialState(membership.incarnation()));
            ResourceManager manager = new ResourceManager(policy, initial, groups,
                    new AgentContext(config.directory(), config.localNode()),
                    payload -> membership.sendHandoff(peer, payload), System::currentTimeMillis,
                    new Ipfail(IpfailConfig.from(config)), membership::snapshot);
            relay.attach(manager);
            return new DaemonSession(config, membership, manager);
        }
    }

    /** Stops membership and the manager and leaves every group as it is. */
    void closeKeepingGroups() {
        manager.close();
        membership.close();
    }
}
