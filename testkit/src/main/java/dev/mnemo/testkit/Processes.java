package dev.mnemo.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Freezing and thawing a server process for fault tests: SIGSTOP leaves its port open and answers
 * nothing, the worst case a client meets (a partition, a stalled VM), and loses no data; SIGCONT
 * lets it go on. Signals go to one process by its id, never by name.
 */
public final class Processes {

    private static final long STOP_WAIT_NANOS = 5_000_000_000L;

    private Processes() {
    }

    /**
     * Sends SIGSTOP to {@code pid} and waits until every thread of it has stopped (as {@code /proc}
     * shows it; a loaded machine may take a moment), for up to 5 s.
     *
     * @throws IllegalStateException when the signal fails or the process does not stop
     */
    public static void pause(long pid) {
        signal("-STOP", pid);
        long deadline = System.nanoTime() + STOP_WAIT_NANOS;
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        while (System.nanoTime() < deadline) {
            try (Stream<Path> threads = Files.list(tasks)) {
                if (threads.allMatch(thread -> state(thread) == 'T')) {
                    return;
                }
            } catch (IOException e) {
                return; // no /proc: the signal is all there is to wait for
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("process " + pid + " did not stop within 5 s");
    }

    /** Sends SIGCONT to {@code pid}: a paused process goes on; a running one is not affected. */
    public static void resume(long pid) {
        signal("-CONT", pid);
    }

    private static char state(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return 'T'; // the thread ended meanwhile: it runs no more
        }
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " failed for process " + pid);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling process " + pid, e);
        }
    }
}
