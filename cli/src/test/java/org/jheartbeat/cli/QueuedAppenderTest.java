package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class QueuedAppenderTest {

    /** A log file that can be made to hang, as a full disk or a stuck syslog would. */
    private static final class GatedTarget extends AppenderBase<ILoggingEvent> {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CountDownLatch open = new CountDownLatch(1);

        @Override
        protected void append(ILoggingEvent event) {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lines.add(event.getThreadName() + " " + event.getFormattedMessage());
        }
    }

    private final LoggerContext context = new LoggerContext();
    private final GatedTarget target = new GatedTarget();
    private QueuedAppender queued;
    private Logger log;

    @BeforeEach
    void setUp() {
        context.setMDCAdapter(new LogbackMDCAdapter()); // what SLF4J's binding gives the daemon's context
        context.start();
        target.setContext(context);
        target.start();
        queued = new QueuedAppender(List.of(target));
        queued.setContext(context);
        queued.start();
        log = context.getLogger("heartbeat");
        log.setLevel(Level.INFO);
        log.addAppender(queued);
    }

    @AfterEach
    void tearDown() {
        target.open.countDown();
        context.stop();
    }

    @Test
    void loggingDoesNotWaitForAHangingLogAndTheLinesFollowInOrder() throws Exception {
        Thread caller = Thread.ofPlatform().name("manager").start(() ->
                IntStream.range(0, 100).forEach(i -> log.info("line {}", i)));
        assertTrue(caller.join(Duration.ofSeconds(20)), "a hanging log file held up the thread that logged");
        assertFalse(queued.awaitWritten(Duration.ofMillis(50)), "written although the log file hangs");
        assertTrue(target.lines.isEmpty());

        target.open.countDown();
        assertTrue(queued.awaitWritten(Duration.ofSeconds(20)));
        assertEquals(IntStream.range(0, 100).mapToObj(i -> "manager line " + i).toList(), target.lines,
                "every line, in order, with the thread that logged it (not the writer's)");
    }

    @Test
    void stoppingWritesWhatIsQueuedFirstAndStopsTheTargets() throws Exception {
        String me = Thread.currentThread().getName();
        log.info("Heartbeat shutdown complete.");
        target.open.countDown();
        queued.stop();
        assertEquals(List.of(me + " Heartbeat shutdown complete."), target.lines);
        assertFalse(target.isStarted());
        log.info("after the stop");
        assertTrue(queued.awaitWritten(Duration.ofSeconds(5)));
        assertEquals(1, target.lines.size(), "a stopped queue takes no more lines");
    }

    @Test
    void aBarrierWaitsOnlyForTheLinesBeforeIt() throws Exception {
        log.info("first");
        CountDownLatch barrierDone = new CountDownLatch(1);
        Thread.ofPlatform().start(() -> {
            queued.awaitWritten(Duration.ofSeconds(20));
            barrierDone.countDown();
        });
        assertFalse(barrierDone.await(50, TimeUnit.MILLISECONDS), "the barrier passed an unwritten line");
        target.open.countDown();
        assertTrue(barrierDone.await(20, TimeUnit.SECONDS));
        assertEquals(List.of(Thread.currentThread().getName() + " first"), target.lines);
    }

    @Test
    void aTargetThatLogsWhileWritingDoesNotHangTheWriter() {
        List<String> written = new CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> echoing = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                written.add(event.getFormattedMessage());
                if (!event.getFormattedMessage().startsWith("trouble")) {
                    log.warn("trouble writing {}", event.getFormattedMessage());
                }
            }
        };
        echoing.setContext(context);
        echoing.start();
        QueuedAppender own = new QueuedAppender(List.of(echoing));
        own.setContext(context);
        own.start();
        log.detachAppender(queued);
        log.addAppender(own);
        for (int i = 0; i < 3 * 8192; i++) { // more than the queue holds
            log.info("line {}", i);
        }
        assertTrue(own.awaitWritten(Duration.ofSeconds(20)), "the writer hangs");
        // the nested line is dropped by the target's own recursion guard, as Logback does without a queue
        assertEquals(IntStream.range(0, 3 * 8192).mapToObj(i -> "line " + i).toList(), written);
        own.stop();
    }

    @Test
    void anInterruptedThreadsLinesAreWrittenAndItStaysInterrupted() throws Exception {
        target.open.countDown();
        Thread.currentThread().interrupt();
        for (int i = 0; i < 3 * 8192; i++) { // more than the queue holds, so some wait for room
            log.info("cancelled {}", i);
        }
        assertTrue(Thread.interrupted(), "the interrupt is kept");
        assertTrue(queued.awaitWritten(Duration.ofSeconds(20)));
        assertEquals(3 * 8192, target.lines.size());
    }
}
