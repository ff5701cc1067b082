package dev.mnemo.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * This JVM's CPU time since the account was opened, to the nanosecond: enough for the CPU of a few
 * thousand messages, which the process clock, in the kernel's 10 ms ticks
 * ({@code OperatingSystemMXBean.getProcessCpuTime()}), cannot tell. It adds up the time on CPU of
 * every thread of the process, the VM's own included (GC, JIT), as Linux keeps it in
 * {@code /proc/self/task/<tid>/schedstat}. A thread gone from there by the time the account is read
 * takes its time with it, so a thread that ends meanwhile leaves its time first ({@link #ending});
 * a thread that ends without doing so (none of the drivers' threads ends within a crowd) is left out.
 * Thread-safe.
 */
final class CpuAccount {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private final Map<String, Long> opened = threads();
    private final Map<String, Long> ended = new ConcurrentHashMap<>();

    /** Called by a thread as it ends: keeps its time so far in the account after it is gone. */
    void ending() {
        try {
            Path self = THREAD_SELF.toRealPath(); // /proc/<pid>/task/<tid>
            ended.put(self.getFileName().toString(), time(self));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the CPU time this JVM used since the account opened, in nanoseconds */
    long used() {
        Map<String, Long> now = threads();
        now.putAll(ended);
        long used = 0;
        for (Map.Entry<String, Long> thread : now.entrySet()) {
            used += thread.getValue() - opened.getOrDefault(thread.getKey(), 0L);
        }
        return used;
    }

    /** @return every live thread's time on CPU so far, in nanoseconds, by thread id */
    private static Map<String, Long> threads() {
        Map<String, Long> times = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    times.put(task.getFileName().toString(), time(task));
                } catch (NoSuchFileException e) {
                    // the thread ended since the directory was listed, and took its time with it
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("This JVM's CPU is read from " + TASKS + ", which Linux keeps", e);
        }
        return times;
    }

    /** @return the thread's time on CPU, the first field of its {@code schedstat}, in nanoseconds */
    private static long time(Path task) throws IOException {
        String schedstat = Files.readString(task.resolve("schedstat"));
        return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
    }
}
