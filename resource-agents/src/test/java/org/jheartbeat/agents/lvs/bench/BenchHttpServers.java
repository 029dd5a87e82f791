package org.jheartbeat.agents.lvs.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's real servers: a minimal HTTP/1.1 responder on every address and port, all
 * served by one non-blocking selector thread, so that the machine's two cores go to the checker
 * being measured rather than to the servers. Each connection: read until the blank line, answer
 * {@code 200 OK} with body {@code OK}, close.
 *
 * <pre>java -cp ... BenchHttpServers ADDRESSES PORTS BASEPORT [count|measure]</pre>
 * prints {@code ready} once listening; with {@code count}, the requests served every 10 s (to
 * measure another checker, such as Debian's ldirectord, against the same servers); with
 * {@code measure}, it reads commands on stdin: {@code start} opens a measuring window,
 * {@code report} prints one line about the window so far ({@link ServerLog#report}), so that any
 * checker, whatever its language, is measured the same way: by what the servers saw.
 */
public final class BenchHttpServers {

    private static final byte[] ANSWER =
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK"
                    .getBytes(StandardCharsets.US_ASCII);

    private final LongAdder served = new LongAdder();
    /** Set in measure mode: when each server was last asked, and the gaps between asks. */
    private ServerLog log;
    private final java.util.concurrent.ConcurrentLinkedQueue<String> commands =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ByteBuffer in = ByteBuffer.allocateDirect(16 * 1024);
    private final ByteBuffer answer = ByteBuffer.allocateDirect(ANSWER.length).put(ANSWER).flip();

    private BenchHttpServers() {
    }

    static String address(int i) {
        return "127.1." + (i / 250) + "." + (i % 250 + 1);
    }

    public static void main(String[] args) throws Exception {
        int addresses = Integer.parseInt(args[0]);
        int ports = Integer.parseInt(args[1]);
        int basePort = Integer.parseInt(args[2]);
        boolean count = args.length > 3 && args[3].equals("count");
        boolean measure = args.length > 3 && args[3].equals("measure");
        BenchHttpServers servers = new BenchHttpServers();
        if (measure) {
            servers.log = new ServerLog(addresses * ports);
        }
        Selector selector = Selector.open();
        int index = 0;
        for (int a = 0; a < addresses; a++) {
            for (int p = 0; p < ports; p++) {
                ServerSocketChannel s = ServerSocketChannel.open();
                s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                s.bind(new InetSocketAddress(InetAddress.getByName(address(a)), basePort + p), 1024);
                s.configureBlocking(false);
                s.register(selector, SelectionKey.OP_ACCEPT, index++);
            }
        }
        Thread.ofPlatform().daemon().name("servers").start(() -> servers.loop(selector));
        System.out.print("ready\n");
        System.out.flush();
        if (measure) {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    StandardCharsets.US_ASCII));
            for (String line; (line = in.readLine()) != null; ) {
                servers.commands.add(line.strip());
                selector.wakeup(); // the selector thread owns the log and answers
            }
            System.exit(0);
        }
        while (true) {
            long before = servers.served.sum();
            Thread.sleep(Duration.ofSeconds(10));
            if (count) {
                System.out.printf("served %.1f requests/s%n", (servers.served.sum() - before) / 10.0);
            }
        }
    }

    private void loop(Selector selector) {
        try {
            while (true) {
                selector.select();
                for (String command = commands.poll(); command != null; command = commands.poll()) {
                    obey(command);
                }
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    try {
                        if (key.isValid() && key.isAcceptable()) {
                            accept(selector, (ServerSocketChannel) key.channel(), (Integer) key.attachment());
                        } else if (key.isValid() && key.isReadable()) {
                            read(key);
                        }
                    } catch (IOException e) {
                        key.cancel();
                        key.channel().close();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void obey(String command) {
        switch (command) {
            case "start" -> log.start(System.nanoTime());
            case "report" -> {
                System.out.println(log.report(System.nanoTime()));
                System.out.flush();
            }
            default -> System.out.println("unknown command " + command);
        }
    }

    private void accept(Selector selector, ServerSocketChannel server, int index) throws IOException {
        for (SocketChannel c = server.accept(); c != null; c = server.accept()) {
            if (log != null) {
                log.asked(index, System.nanoTime());
            }
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ, new int[1]);
        }
    }

    /** Counts CR/LF bytes in a row (the attachment) until the blank line ending the request. */
    private void read(SelectionKey key) throws IOException {
        SocketChannel c = (SocketChannel) key.channel();
        int[] state = (int[]) key.attachment();
        in.clear();
        int n = c.read(in);
        if (n < 0) {
            key.cancel();
            c.close();
            return;
        }
        in.flip();
        while (in.hasRemaining() && state[0] < 4) {
            byte b = in.get();
            state[0] = (b == '\r' || b == '\n') ? state[0] + 1 : 0;
        }
        if (state[0] >= 4) {
            c.write(answer.duplicate());
            served.increment();
            key.cancel();
            c.close();
        }
    }
}
