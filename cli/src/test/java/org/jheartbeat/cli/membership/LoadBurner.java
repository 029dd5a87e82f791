package org.jheartbeat.cli.membership;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps CPUs busy and the garbage collector working: each thread allocates and hashes buffers
 * forever, keeping a rolling set alive so objects survive a while. Arguments: THREADS.
 */
public final class LoadBurner {

    private LoadBurner() {
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            started.add(Thread.ofPlatform().start(LoadBurner::burn));
        }
        for (Thread thread : started) {
            thread.join();
        }
    }

    private static void burn() {
        byte[][] live = new byte[256][];
        long sum = 0;
        for (long i = 0; ; i++) {
            byte[] buffer = new byte[16 * 1024 + (int) (i % 4096)];
            for (int j = 0; j < buffer.length; j += 64) {
                buffer[j] = (byte) (i + j);
                sum += buffer[j];
            }
            live[(int) (i % live.length)] = buffer;
            if (sum == Long.MIN_VALUE) {
                System.out.println(sum); // keeps the loop from being optimised away
            }
        }
    }
}
