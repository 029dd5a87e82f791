package org.jheartbeat.core.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.OcfResult;
import org.jheartbeat.core.agent.PreparedStart;
import org.jheartbeat.core.agent.ResourceAgent;
import org.junit.jupiter.api.Test;

/**
 * How a group start uses the status probes run ahead of a hand-over, when a stop tells that the
 * group is released, and what a timeout does.
 */
class GroupWorkTest {

    /** An in-memory resource: "running" is a set entry; every action is written down. */
    private static class Recording implements ResourceAgent {
        final Set<String> running = new HashSet<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public String name() {
            return "Recording";
        }

        @Override
        public Map<String, String> parameters(List<String> positional) {
            return Map.of("id", positional.getFirst());
        }

        @Override
        public synchronized ActionResult validate(AgentContext context, Map<String, String> parameters) {
            calls.add("validate " + parameters.get("id"));
            return ActionResult.success();
        }

        @Override
        public synchronized ActionResult start(AgentContext context, Map<String, String> parameters) {
            calls.add("start " + parameters.get("id"));
            running.add(parameters.get("id"));
            return ActionResult.success();
        }

        @Override
        public synchronized ActionResult stop(AgentContext context, Map<String, String> parameters) {
            calls.add("stop " + parameters.get("id"));
            running.remove(parameters.get("id"));
            return ActionResult.success();
        }

        @Override
        public synchronized ActionResult monitor(AgentContext context, Map<String, String> parameters) {
            calls.add("monitor " + parameters.get("id"));
            return running.contains(parameters.get("id")) ? ActionResult.success() : ActionResult.notRunning();
        }

        @Override
        public String metaData() {
            return "<resource-agent name=\"Recording\"/>";
        }
    }

    /** Like an address agent: its start looks for the resource itself and leaves a running one alone. */
    private static final class FindsRunning extends Recording {
        @Override
        public boolean startFindsRunning() {
            return true;
        }

        @Override
        public synchronized ActionResult start(AgentContext context, Map<String, String> parameters) {
            if (running.contains(parameters.get("id"))) {
                calls.add("start " + parameters.get("id") + " (already running)");
                return ActionResult.alreadyRunning();
            }
            return super.start(context, parameters);
        }
    }

    private final Recording agent = new Recording();
    private final GroupWork work = new GroupWork(new AgentContext(Path.of("/nonexistent"), "x1"));
    private final ManagedGroup group = new ManagedGroup("Recording::a", "x1", List.of(
            new ManagedResource("Recording::a", agent, Map.of("id", "a")),
            new ManagedResource("Recording::b", agent, Map.of("id", "b"))));

    @Test
    void preparingAGroupWarmsEveryResourceUpByValidatingItAndChangesNothing() {
        work.prepare(group);
        assertEquals(List.of("validate a", "validate b"), agent.calls);
        assertTrue(agent.running.isEmpty());
    }

    @Test
    void aStartWithoutAdvanceProbeProbesEachResourceAndSkipsWhatRuns() {
        agent.running.add("a");
        assertTrue(work.start(group, AdvanceProbe.none(), List.of(), () -> 0));
        assertEquals(List.of("monitor a", "monitor b", "start b"), agent.calls);
    }

    @Test
    void whatTheAdvanceProbeFoundStoppedIsStartedWithoutProbingAgain() {
        agent.running.add("a");
        AdvanceProbe ahead = work.probe(group, 1_000);
        assertEquals(Set.of("Recording::b"), ahead.stopped());
        agent.calls.clear();
        assertTrue(work.start(group, ahead, List.of(), () -> 1_000));
        assertEquals(List.of("monitor a", "start b"), agent.calls, "a found running is probed again");
    }

    @Test
    void anAdvanceProbePastItsValidityIsNotTrusted() {
        AdvanceProbe ahead = work.probe(group, 1_000);
        agent.running.add("b"); // started by hand after the probe
        agent.calls.clear();
        assertTrue(work.start(group, ahead, List.of(), () -> 1_001));
        assertEquals(List.of("monitor a", "start a", "monitor b"), agent.calls);
    }

    /** A start fired ahead of the group's start, as an address agent's would be. */
    private final class FiredAhead implements PreparedStart {
        final String id;
        boolean closed;

        FiredAhead(String id) {
            this.id = id;
        }

        @Override
        public boolean fire() {
            agent.running.add(id);
            return true;
        }

        @Override
        public ActionResult finish() {
            agent.calls.add("finish " + id);
            return ActionResult.success();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void resourcesFiredAheadFinishTheirStartTheRestStartAsUsualAndTheFiredAreClosed() {
        FiredAhead a = new FiredAhead("a");
        assertTrue(a.fire());
        assertTrue(work.start(group, AdvanceProbe.none(), List.of(a), () -> 0));
        assertEquals(List.of("finish a", "monitor b", "start b"), agent.calls, "a is neither probed nor started");
        assertEquals(Set.of("a", "b"), agent.running);
        assertTrue(a.closed);
    }

    @Test
    void anAgentWhoseStartFindsRunningIsNotProbedFirstNeitherAtStartNorAhead() {
        FindsRunning finds = new FindsRunning();
        ManagedGroup addresses = new ManagedGroup("FindsRunning::a", "x1", List.of(
                new ManagedResource("FindsRunning::a", finds, Map.of("id", "a")),
                new ManagedResource("FindsRunning::b", finds, Map.of("id", "b"))));
        finds.running.add("a");
        AdvanceProbe ahead = work.probe(addresses, 1_000);
        assertTrue(finds.calls.isEmpty(), "nothing probed ahead: " + finds.calls);
        assertTrue(work.start(addresses, ahead, List.of(), () -> 0));
        assertEquals(List.of("start a (already running)", "start b"), finds.calls);
        assertEquals(Set.of("a", "b"), finds.running);
    }

    /**
     * Like an address agent: its stop says when the resource is gone, before the rest of the
     * stop; a stop of an id in {@code failing} fails before anything is gone.
     */
    private static final class TellsWhenGone extends Recording {
        final Set<String> failing = new HashSet<>();

        @Override
        public synchronized ActionResult stop(AgentContext context, Map<String, String> parameters,
                                              Runnable whenGone) {
            String id = parameters.get("id");
            if (failing.contains(id)) {
                calls.add("fail " + id);
                return ActionResult.of(OcfResult.ERR_GENERIC, "cannot");
            }
            calls.add("remove " + id);
            running.remove(id);
            whenGone.run();
            calls.add("tail " + id);
            return ActionResult.success();
        }
    }

    private static ManagedGroup groupOf(Recording agent) {
        return new ManagedGroup("R::a", "x1", List.of(
                new ManagedResource("R::a", agent, Map.of("id", "a")),
                new ManagedResource("R::b", agent, Map.of("id", "b"))));
    }

    @Test
    void theReleaseIsToldOnceTheLastResourceIsGoneAheadOfTheRestOfItsStop() {
        TellsWhenGone tells = new TellsWhenGone();
        assertTrue(work.stop(groupOf(tells), () -> tells.calls.add("released")));
        assertEquals(List.of("remove b", "tail b", "remove a", "released", "tail a"), tells.calls);
    }

    @Test
    void anAgentThatCannotTellHasTheReleaseToldAfterItsStopSucceeded() {
        assertTrue(work.stop(group, () -> agent.calls.add("released")));
        assertEquals(List.of("stop b", "stop a", "released"), agent.calls);
    }

    @Test
    void aFailedStopAnywhereInTheGroupMeansNoReleaseIsTold() {
        TellsWhenGone tells = new TellsWhenGone();
        tells.failing.add("b");
        assertFalse(work.stop(groupOf(tells), () -> tells.calls.add("released")));
        assertEquals(List.of("fail b", "remove a", "tail a"), tells.calls, "a is still stopped, silently");

        TellsWhenGone lastFails = new TellsWhenGone();
        lastFails.failing.add("a");
        assertFalse(work.stop(groupOf(lastFails), () -> lastFails.calls.add("released")));
        assertEquals(List.of("remove b", "tail b", "fail a"), lastFails.calls);
    }

    /** Like a hung script: its start waits until interrupted; the timeout is short. */
    private static final class Hangs extends Recording {
        volatile boolean sawInterrupt;

        @Override
        public Duration timeout(String action) {
            return action.equals("start") ? Duration.ofMillis(200) : super.timeout(action);
        }

        @Override
        public ActionResult start(AgentContext context, Map<String, String> parameters) {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                sawInterrupt = true;
            }
            return ActionResult.success(); // too late: the manager has given up on it
        }
    }

    @Test
    void anActionPastItsTimeoutIsInterruptedAndFailsAndTheNextActionStartsClean() {
        Hangs hangs = new Hangs();
        ManagedGroup hung = new ManagedGroup("Hangs::a", "x1", List.of(
                new ManagedResource("Hangs::a", hangs, Map.of("id", "a"))));
        assertFalse(work.start(hung, AdvanceProbe.none(), List.of(), () -> 0), "a start that timed out counts as failed");
        assertTrue(hangs.sawInterrupt);
        assertFalse(Thread.currentThread().isInterrupted(), "the timeout's interrupt was left behind");
        assertTrue(work.stop(hung), "the stop after it runs normally");
        assertEquals(List.of("monitor a", "stop a"), hangs.calls);
    }
}
