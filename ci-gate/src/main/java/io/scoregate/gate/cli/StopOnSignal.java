package io.scoregate.gate.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM/SIGINT into a prompt, clean stop of a long-running command ({@code rollout}, {@code rollback},
 * {@code compare}). The JVM answers those signals by running its shutdown hooks and then exiting; the hook
 * installed here interrupts the command's thread, waits (at most {@link #GRACE}) for the command to say where
 * it left things and return its exit code, and ends the process with that code ({@link ExitCode#INTERRUPTED}
 * when the command saw the interrupt). Without it the JVM exited 143 in mid-call, or, with an HTTP call
 * reading an endless body, not at all.
 *
 * <p>Use: {@code try (var stop = StopOnSignal.install(...)) { return stop.exit(() -> ...); }}. The command
 * asks {@link #requested()} to tell a signal from any other interrupt and to ignore what its worker
 * reports after the signal (e.g. a rollback the interrupted driver attempted and could not send). An
 * {@link ExitException} the body throws is printed here, before the process may end, not by the command
 * line's handler, which a signal's halt would not wait for.
 */
final class StopOnSignal implements AutoCloseable {

    /** How long the command gets, after the signal, to print its line and return. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final String command;
    private final PrintWriter err;
    private final Thread worker;
    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean requested;
    private volatile int code = ExitCode.INTERRUPTED.code();

    private StopOnSignal(String command, PrintWriter err) {
        this.command = command;
        this.err = err;
        this.worker = Thread.currentThread();
        this.hook = new Thread(this::stop, "scoregate-stop-on-signal");
    }

    /** Watches for the signals on behalf of the calling thread until {@link #close()}. */
    static StopOnSignal install(String command, PrintWriter err) {
        var s = new StopOnSignal(command, err);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** Whether a signal asked the command to stop. */
    boolean requested() {
        return requested;
    }

    /** The body of a command watched for signals. */
    @FunctionalInterface
    interface Body {
        int run() throws ExitException, InterruptedException;
    }

    /**
     * Runs the body; its result (or the code of the {@link ExitException} it throws, printed first) is returned
     * and is the code the process ends with if a signal is being handled.
     */
    int exit(Body body) throws InterruptedException {
        int exitCode;
        try {
            exitCode = body.run();
        } catch (ExitException e) {
            exitCode = e.printTo(err);
        }
        code = exitCode;
        done.countDown();
        return exitCode;
    }

    /** A call of the command's worker that a signal may interrupt. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws InterruptedException;
    }

    /**
     * Runs the worker; when a signal asked to stop (during the call or just after it), ends the command as
     * {@link ExitCode#INTERRUPTED} with the sentence {@code whereItStopped} gives, read once the worker is done.
     * An interrupt that no signal caused is passed on: it is not the user's stop.
     */
    <T> T untilSignal(Work<T> work, java.util.function.Supplier<String> whereItStopped)
            throws ExitException, InterruptedException {
        T result = null;
        try {
            result = work.run();
        } catch (InterruptedException e) {
            if (!requested) {
                throw e;
            }
        }
        if (requested) {
            throw new ExitException(ExitCode.INTERRUPTED, whereItStopped.get());
        }
        return result;
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and ends the process
        }
    }

    private void stop() {
        requested = true;
        worker.interrupt();
        boolean finished;
        try {
            finished = done.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            finished = false;
        }
        if (!finished) {
            GateErrors.print(err, command + " was interrupted, and did not stop within " + GRACE.toSeconds()
                    + " s; exiting without knowing where it stopped.");
        }
        err.flush();
        // halt, not exit: exit would wait for this very hook; the other hooks have nothing of the gate's to do
        Runtime.getRuntime().halt(finished ? code : ExitCode.INTERRUPTED.code());
    }
}
