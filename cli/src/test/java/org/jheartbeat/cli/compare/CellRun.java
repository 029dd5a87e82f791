package org.jheartbeat.cli.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The rounds of one contender at one timer setting, in a lab of their own. Each round: kill -9
 * of every daemon process on d1, link down of d1's eth0, and a graceful hand-over from d1; after
 * each, d1 comes back (restarted, or handed the VIP back) and the lab waits until d1 serves the
 * VIP steadily before the next fault, which comes at a random moment of the keepalive cycle.
 */
final class CellRun {

    /** Silence longer than this while d1 should be serving means it is not settled yet. */
    private static final long MAX_STEADY_GAP_NANOS = 200_000_000L;

    private final Contender contender;
    private final Timers timers;
    private final ResultTable table;
    private final CompareLab lab;

    private CellRun(Contender contender, Timers timers, ResultTable table, CompareLab lab) {
        this.contender = contender;
        this.timers = timers;
        this.table = table;
        this.lab = lab;
    }

    /** Runs {@code rounds} rounds; whatever goes wrong ends up as a note or failure in {@code table}. */
    static void run(Contender contender, Timers timers, int rounds, long probeMicros, Path dir, ResultTable table) {
        if (contender.impossible(timers).isPresent()) {
            table.note(timers, contender.name(), contender.name() + " " + timers.label() + ": "
                    + contender.impossible(timers).get());
            return;
        }
        try (CompareLab lab = new CompareLab(Files.createDirectories(dir), probeMicros)) {
            CellRun cell = new CellRun(contender, timers, table, lab);
            contender.configure(lab, timers);
            contender.start(lab.d1);
            contender.start(lab.d2);
            cell.awaitHome(Duration.ofSeconds(90));
            for (int round = 1; round <= rounds; round++) {
                try {
                    cell.round(round);
                } catch (Exception e) {
                    // one broken round costs its samples (counted as failed), not the whole cell
                    System.out.println("  " + contender.name() + " " + timers.label() + " round " + round
                            + " broke: " + e.getMessage());
                    String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                    table.note(timers, contender.name(), contender.name() + " " + timers.label() + ": round " + round
                            + " broke and was not counted: " + why);
                    cell.recover();
                }
            }
            System.out.println("  " + contender.name() + " " + timers.label() + ": " + lab.poller.summary()
                    + "; logs in " + dir);
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            table.note(timers, contender.name(), contender.name() + " " + timers.label() + ": stopped: "
                    + why.lines().findFirst().orElse(why) + " (logs in " + dir + ")");
            System.out.println("  " + contender.name() + " " + timers.label() + " stopped: " + why);
        }
    }

    private void round(int round) throws Exception {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s %s round %d:", contender.name(),
                timers.label(), round));

        atARandomMoment();
        long fault = lab.killAll(lab.d1).orElseThrow(() -> new IllegalStateException("nothing ran on d1"));
        line.append(failover(Metric.KILL_ANSWER, Metric.KILL_GARP, Metric.KILL_SILENCE, fault, "kill -9"));
        restartD1();

        atARandomMoment();
        fault = lab.linkDown(lab.d1);
        line.append(failover(Metric.LINK_ANSWER, Metric.LINK_GARP, Metric.LINK_SILENCE, fault, "link down"));
        restartD1();

        atARandomMoment();
        long asked = contender.handOver(lab.d1);
        OptionalLong answered = awaitAnswer(lab.d2, asked);
        if (answered.isPresent()) {
            double total = millis(answered.getAsLong() - asked);
            table.add(Metric.HANDOVER_ANSWER, timers, contender.name(), total);
            OptionalLong lastOld = lab.poller.lastAnswerBefore(lab.d1.name(), answered.getAsLong());
            double gap = lastOld.isPresent() ? millis(answered.getAsLong() - lastOld.getAsLong()) : Double.NaN;
            if (lastOld.isPresent()) {
                table.add(Metric.HANDOVER_GAP, timers, contender.name(), gap);
            } else {
                table.failed(Metric.HANDOVER_GAP, timers, contender.name());
            }
            line.append(String.format(Locale.ROOT, " switch-over %.0f ms (gap %.1f ms)", total, gap));
        } else {
            table.failed(Metric.HANDOVER_ANSWER, timers, contender.name());
            table.failed(Metric.HANDOVER_GAP, timers, contender.name());
            line.append(" switch-over FAILED");
        }
        line.append(garp(Metric.HANDOVER_GARP, asked, awaitGarp(asked, answered)));
        if (answered.isPresent()) {
            CompareLab.awaitThat(contender.name() + ": both settled after the switch-over", Duration.ofSeconds(60),
                    () -> contender.settled(lab.d1) && contender.settled(lab.d2));
            Thread.sleep(timers.settleMillis());
            contender.handBack(lab);
            awaitHome(Duration.ofSeconds(60));
        } else {
            recover();
        }
        System.out.println(line);
    }

    /** Measures one fault's failover; returns the round line's part. */
    private String failover(Metric answer, Metric garp, Metric silence, long fault, String what) throws Exception {
        OptionalLong answered = awaitAnswer(lab.d2, fault);
        String text;
        if (answered.isPresent()) {
            double ms = millis(answered.getAsLong() - fault);
            table.add(answer, timers, contender.name(), ms);
            text = String.format(Locale.ROOT, " %s %.0f ms", what, ms);
        } else {
            table.failed(answer, timers, contender.name());
            text = " " + what + " FAILED";
        }
        OptionalLong garpSeen = awaitGarp(fault, answered);
        text += garp(garp, fault, garpSeen);
        // every packet of d1's the client got before d2's GARP was sent before the fault took effect
        OptionalLong last = garpSeen.isPresent() ? lab.lastHeartbeat(lab.d1, garpSeen.getAsLong()) : OptionalLong.empty();
        if (last.isPresent()) {
            double ms = millis(garpSeen.getAsLong() - last.getAsLong());
            table.add(silence, timers, contender.name(), ms);
            text += String.format(Locale.ROOT, " (%.1f ms after d1's last packet)", ms);
        } else {
            table.failed(silence, timers, contender.name());
        }
        return text;
    }

    /** The first GARP from d2 since {@code since}; waits a little after the answer for a late one. */
    private OptionalLong awaitGarp(long since, OptionalLong answered) throws Exception {
        long until = (answered.isPresent() ? answered.getAsLong() : System.nanoTime()) + 2_000_000_000L;
        OptionalLong seen = lab.firstGarp(lab.d2, since);
        while (seen.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
            seen = lab.firstGarp(lab.d2, since);
        }
        return seen;
    }

    /** Records when d2's first GARP came after {@code since}; returns the round line's part. */
    private String garp(Metric metric, long since, OptionalLong seen) {
        if (seen.isEmpty()) {
            table.failed(metric, timers, contender.name());
            return " (no GARP)";
        }
        double ms = millis(seen.getAsLong() - since);
        table.add(metric, timers, contender.name(), ms);
        return String.format(Locale.ROOT, " (GARP %.0f ms)", ms);
    }

    private OptionalLong awaitAnswer(Director survivor, long since) throws InterruptedException {
        long deadline = since + Duration.ofMillis(timers.deadtimeMillis()).plusSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong first = lab.poller.firstAnswer(survivor.name(), since);
            if (first.isPresent()) {
                return first;
            }
            Thread.sleep(5);
        }
        return OptionalLong.empty();
    }

    /** Brings d1 back from a fault: what is left of its daemon killed, its VIP removed, link up, restart. */
    private void restartD1() throws Exception {
        lab.killAll(lab.d1);
        lab.dropVip(lab.d1);
        lab.linkUp(lab.d1);
        contender.start(lab.d1);
        awaitHome(Duration.ofSeconds(60));
    }

    /** After a failed step: both directors restarted from scratch. */
    private void recover() throws Exception {
        for (Director d : new Director[] {lab.d1, lab.d2}) {
            lab.killAll(d);
            lab.dropVip(d);
            lab.linkUp(d);
        }
        contender.start(lab.d1);
        contender.start(lab.d2);
        awaitHome(Duration.ofSeconds(90));
    }

    /**
     * Waits until d1 alone holds the VIP, both daemons say no hand-off is in progress, and the
     * client has had answers from d1 only, without a gap, for a few keepalives.
     */
    private void awaitHome(Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            try {
                CompareLab.awaitThat(contender.name() + ": d1 holds the VIP and both are settled",
                        Duration.ofNanos(Math.max(1, deadline - System.nanoTime())),
                        () -> lab.holdsVip(lab.d1) && !lab.holdsVip(lab.d2) && contender.settled(lab.d1)
                                && contender.settled(lab.d2));
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "; " + lab.describe(), e);
            }
            long from = System.nanoTime();
            Thread.sleep(timers.settleMillis());
            if (lab.poller.steadilyAnswering(lab.d1.name(), from, MAX_STEADY_GAP_NANOS) && !lab.holdsVip(lab.d2)
                    && contender.settled(lab.d1) && contender.settled(lab.d2)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(contender.name() + ": d1 did not serve the VIP steadily; "
                        + lab.describe());
            }
        }
    }

    /**
     * Waits a random time up to two keepalives, so a fault does not come right after the
     * messages that ended the previous step, but at any moment of the keepalive cycle.
     */
    private void atARandomMoment() throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextLong(2 * timers.keepaliveMillis()));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
