package io.scoregate.gate.http;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Expires exchanges that pass their deadline, for the whole process, with one daemon thread that looks every
 * {@link #TICK} (so a deadline fires up to one tick late). Deadlines are kept in one FIFO queue per deadline
 * length, so each queue is in deadline order and adding one is a lock-free offer; an answered exchange is
 * dropped when it reaches the head. A {@code ScheduledThreadPoolExecutor} task per exchange, scheduled and
 * cancelled, costs the load generator's send thread a lock shared with the completion threads and a timer
 * wake-up per request, which is what the generator cannot afford on a loaded 2-core machine.
 */
final class Deadlines {

    static final Duration TICK = Duration.ofMillis(20);
    private static final Deadlines INSTANCE = new Deadlines();

    private record Entry(long dueNanos, CompletableFuture<?> answer, Runnable expire) {
    }

    private final Map<Long, Queue<Entry>> byLength = new ConcurrentHashMap<>();

    private Deadlines() {
        Thread sweeper = new Thread(this::sweepForever, "scoregate-http-deadlines");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    /** Runs {@code expire} once {@code length} has passed, unless {@code answer} is complete by then. */
    static void add(Duration length, CompletableFuture<?> answer, Runnable expire) {
        long ns = length.toNanos();
        INSTANCE.byLength.computeIfAbsent(ns, k -> new ConcurrentLinkedQueue<>())
                .offer(new Entry(System.nanoTime() + ns, answer, expire));
    }

    private void sweepForever() {
        while (true) {
            long now = System.nanoTime();
            for (Queue<Entry> queue : byLength.values()) {
                Entry head;
                while ((head = queue.peek()) != null && (head.answer().isDone() || head.dueNanos() - now <= 0)) {
                    queue.poll();
                    if (!head.answer().isDone()) {
                        try {
                            head.expire().run();
                        } catch (RuntimeException e) {
                            // an expiry must not stop every other deadline of the process
                        }
                    }
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK.toMillis()));
        }
    }
}
