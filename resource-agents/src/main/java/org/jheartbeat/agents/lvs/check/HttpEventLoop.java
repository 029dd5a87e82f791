package org.jheartbeat.agents.lvs.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain-HTTP check exchanges (connect, send one request, read the answer until
 * {@link HttpResponse#parse} has it) on one thread and one selector, without a thread per check.
 * With thousands of reals and a one-second interval this is where most checks go: each costs a
 * few system calls and no thread hand-offs. Connections are closed abortively like the blocking
 * ones ({@link CheckConnection} says why). Timeouts are the check's deadline, looked at every few
 * milliseconds in deadline order: only exchanges that are due are touched (walking every
 * registered key instead cost a quarter of this thread's time at 10,000 checks/s).
 */
final class HttpEventLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEventLoop.class);
    private static final long SCAN_NANOS = 10_000_000;
    private static final int MAX_ANSWER = 8 * 1024 * 1024;
    /**
     * Exchanges one loop carries at once. A check's timeout should measure the real server, not
     * a queue in the director: beyond this, checks wait for their turn in the scheduler (and
     * count as late) instead of waiting here with their timeout running.
     */
    static final int MAX_IN_FLIGHT = 1024;

    /** Gets the response, or why there is none; called on the loop's thread, must not block. */
    interface Done {
        void done(HttpResponse response, IOException failure);
    }

    private static final class Exchange {
        final InetSocketAddress to;
        final ByteBuffer request;
        final boolean head;
        final long deadline;
        final Done done;
        SocketChannel channel;
        /** What arrived so far, when the first read did not bring the whole answer (most do). */
        byte[] answer;
        int length;
        /** Set once {@code done} was called; finished exchanges leave the deadline queue lazily. */
        boolean finished;

        Exchange(InetSocketAddress to, byte[] request, boolean head, long deadline, Done done) {
            this.to = to;
            this.request = ByteBuffer.wrap(request);
            this.head = head;
            this.deadline = deadline;
            this.done = done;
        }
    }

    private final Selector selector;
    private final ConcurrentLinkedQueue<Exchange> submitted = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(16 * 1024);
    /** One read's bytes, parsed in place when they are the whole answer (no copy kept per check). */
    private final byte[] scratch = new byte[readBuffer.capacity()];
    private final Thread thread;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Started exchanges by deadline, finished ones included until they reach the head (loop thread only). */
    private final PriorityQueue<Exchange> deadlines = new PriorityQueue<>(
            (a, b) -> Long.compare(a.deadline - b.deadline, 0));
    private volatile boolean closed;

    HttpEventLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector: " + e.getMessage(), e);
        }
        thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    /**
     * Starts an exchange unless {@link #MAX_IN_FLIGHT} are already under way (then false, and
     * {@code done} is not called); otherwise {@code done} is called exactly once, also when the
     * loop is closed.
     */
    boolean submit(InetAddress address, int port, byte[] request, boolean head, long deadlineNanos, Done done) {
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            return false;
        }
        submitted.add(new Exchange(new InetSocketAddress(address, port), request, head, deadlineNanos, done));
        selector.wakeup();
        if (closed) {
            failSubmitted();
        }
        return true;
    }

    private void run() {
        long nextScan = System.nanoTime() + SCAN_NANOS;
        try {
            while (!closed) {
                selector.select(SCAN_NANOS / 1_000_000);
                for (Exchange x = submitted.poll(); x != null; x = submitted.poll()) {
                    start(x);
                }
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (!(key.attachment() instanceof Exchange x)) {
                        continue;
                    }
                    try {
                        if (key.isValid() && key.isConnectable()) {
                            connected(key, x);
                        } else if (key.isValid() && key.isWritable()) {
                            send(key, x);
                        } else if (key.isValid() && key.isReadable()) {
                            receive(key, x);
                        }
                    } catch (IOException e) {
                        finish(x, null, e);
                    }
                }
                long now = System.nanoTime();
                if (now - nextScan >= 0) {
                    nextScan = now + SCAN_NANOS;
                    expire(now);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.error("HTTP check loop stopped: {}", e.toString(), e);
        } finally {
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof Exchange x) {
                    finish(x, null, new IOException("checks stopped"));
                }
            }
            failSubmitted();
            try {
                selector.close();
            } catch (IOException e) {
                LOG.debug("closing the selector: {}", e.toString());
            }
        }
    }

    private void start(Exchange x) {
        deadlines.add(x);
        try {
            SocketChannel c = SocketChannel.open();
            x.channel = c;
            c.configureBlocking(false);
            // No TCP_NODELAY: the request is one write, which Nagle never holds back.
            c.setOption(StandardSocketOptions.SO_LINGER, 0);
            if (c.connect(x.to)) {
                send(c.register(selector, 0, x), x);
            } else {
                c.register(selector, SelectionKey.OP_CONNECT, x);
            }
        } catch (IOException e) {
            finish(x, null, e);
        }
    }

    private void connected(SelectionKey key, Exchange x) throws IOException {
        if (x.channel.finishConnect()) {
            send(key, x);
        }
    }

    private void send(SelectionKey key, Exchange x) throws IOException {
        x.channel.write(x.request);
        key.interestOps(x.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void receive(SelectionKey key, Exchange x) throws IOException {
        readBuffer.clear();
        int n = x.channel.read(readBuffer);
        boolean eof = n < 0;
        byte[] data;
        int length;
        if (n > 0) {
            readBuffer.flip();
            readBuffer.get(scratch, 0, n);
        }
        if (x.length == 0) {
            // the usual case: this read is all there is so far, parse it where it lies
            data = scratch;
            length = Math.max(0, n);
        } else {
            append(x, scratch, Math.max(0, n));
            data = x.answer;
            length = x.length;
        }
        HttpResponse r = HttpResponse.parse(data, length, eof, x.head);
        if (r != null) {
            finish(x, r, null);
        } else if (eof) {
            finish(x, null, new IOException("No answer received"));
        } else if (data == scratch) {
            append(x, scratch, length); // more to come: keep this part
        }
    }

    private static void append(Exchange x, byte[] bytes, int n) throws IOException {
        if (x.length + n > MAX_ANSWER) {
            throw new IOException("answer longer than " + MAX_ANSWER + " bytes");
        }
        if (x.answer == null || x.length + n > x.answer.length) {
            x.answer = Arrays.copyOf(x.answer == null ? new byte[0] : x.answer,
                    Math.max(x.answer == null ? 1024 : x.answer.length * 2, x.length + n));
        }
        System.arraycopy(bytes, 0, x.answer, x.length, n);
        x.length += n;
    }

    private void expire(long now) {
        for (Exchange x = deadlines.peek(); x != null && (x.finished || now - x.deadline >= 0); x = deadlines.peek()) {
            deadlines.poll();
            if (!x.finished) {
                finish(x, null, new SocketTimeoutException("Connection timed out"));
            }
        }
        if (deadlines.size() > 4 * MAX_IN_FLIGHT) {
            // answered exchanges wait for their deadline to leave; drop them in one pass now and then
            deadlines.removeIf(x -> x.finished);
        }
    }

    private void finish(Exchange x, HttpResponse response, IOException failure) {
        if (x.finished) {
            return;
        }
        x.finished = true;
        if (x.channel != null) {
            SelectionKey key = x.channel.keyFor(selector);
            if (key != null) {
                key.attach(null);
                key.cancel();
            }
            try {
                x.channel.close();
            } catch (IOException e) {
                LOG.debug("closing a check connection: {}", e.toString());
            }
            x.channel = null; // it may wait in the deadline queue a while: keep it small
        }
        x.answer = null;
        inFlight.decrementAndGet();
        try {
            x.done.done(response, failure);
        } catch (RuntimeException e) {
            LOG.error("HTTP check callback failed: {}", e.toString(), e);
        }
    }

    private void failSubmitted() {
        for (Exchange x = submitted.poll(); x != null; x = submitted.poll()) {
            finish(x, null, new IOException("checks stopped"));
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
    }
}
