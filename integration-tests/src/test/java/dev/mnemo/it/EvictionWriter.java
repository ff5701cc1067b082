package dev.mnemo.it;

import dev.mnemo.AppendResult;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.SessionId;
import dev.mnemo.spi.StoreConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The application process of {@link EvictionTest}, run in a child JVM: it appends to a few
 * sessions until an append is refused or each session has its messages, prints a line for every
 * acknowledged append as {@link Writer} does, and then waits to be killed.
 *
 * <p>Arguments: sessions, most messages per session, content size in characters, then
 * {@code key=value} configuration. Output lines: {@code READY}, {@code ACK <session> <message id>
 * <degraded> <ms>}, {@code REFUSED <session> <message id> <exception class> <message>} for the
 * append that ended the run, if one did, and {@code DONE}.
 */
public final class EvictionWriter {

    private EvictionWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        int sessions = Integer.parseInt(args[0]);
        int perSession = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        Map<String, String> keys = new HashMap<>();
        for (int i = 3; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            keys.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        StoreConfig config = StoreConfig.of(keys);
        Mnemo mnemo = Mnemo.builder().config(config).settings(MnemoConfig.from(config)).build();
        for (int s = 0; s < sessions; s++) {
            mnemo.blocking().openSession(SessionId.of("s" + s), "writer");
        }
        out.println("READY");
        String filler = "x".repeat(Math.max(0, size - 20));
        appending:
        for (int i = 0; i < perSession; i++) {
            for (int s = 0; s < sessions; s++) {
                Message message = Message.user("m" + i + " " + filler);
                long start = System.nanoTime();
                try {
                    AppendResult result = mnemo.blocking().append(SessionId.of("s" + s), message);
                    out.println("ACK s" + s + " " + message.id() + " " + result.degraded() + " "
                            + (System.nanoTime() - start) / 1_000_000);
                } catch (RuntimeException e) {
                    out.println("REFUSED s" + s + " " + message.id() + " " + e.getClass().getName() + " "
                            + String.valueOf(e.getMessage()).replace('\n', ' '));
                    break appending;
                }
            }
        }
        out.println("DONE");
        Thread.sleep(Long.MAX_VALUE); // killed by the test, as a crash would end it
    }
}
