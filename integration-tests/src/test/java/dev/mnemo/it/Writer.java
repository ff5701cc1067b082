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
 * The application process of the crash tests, run in a child JVM: it appends to a few sessions
 * as fast as it is answered and prints a line for every acknowledged append, so the test knows
 * exactly what was acknowledged when it kills this process.
 *
 * <p>Arguments: sessions, messages per session (0: until killed), content size in characters,
 * {@code close} to close Mnemo at the end (else it appends until killed), then {@code key=value}
 * configuration. Output lines: {@code READY}, {@code ACK <session> <message id> <degraded> <ms>},
 * {@code CLOSED <ms>}.
 */
public final class Writer {

    private Writer() {
    }

    public static void main(String[] args) {
        int sessions = Integer.parseInt(args[0]);
        int perSession = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        boolean close = args[3].equals("close");
        Map<String, String> keys = new HashMap<>();
        for (int i = 4; i < args.length; i++) {
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
        for (int i = 0; perSession == 0 || i < perSession; i++) {
            for (int s = 0; s < sessions; s++) {
                Message message = i % 2 == 0 ? Message.user("q" + i + " " + filler) : Message.assistant("a" + i + " " + filler);
                long start = System.nanoTime();
                AppendResult result = mnemo.blocking().append(SessionId.of("s" + s), message);
                out.println("ACK s" + s + " " + message.id() + " " + result.degraded() + " "
                        + (System.nanoTime() - start) / 1_000_000);
            }
        }
        if (close) {
            long start = System.nanoTime();
            mnemo.close();
            out.println("CLOSED " + (System.nanoTime() - start) / 1_000_000);
        }
    }
}
