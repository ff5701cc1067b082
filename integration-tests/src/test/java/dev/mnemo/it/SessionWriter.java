package dev.mnemo.it;

import dev.mnemo.AppendResult;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.SessionId;
import dev.mnemo.StateDelta;
import dev.mnemo.spi.StoreConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The application process of the session crash test, run in a child JVM: it opens a session with
 * metadata, appends {@value #MESSAGES} messages to it (each acknowledged append printed as
 * {@link Writer} prints it), changes its state and metadata, ends it with a reason, opens a second session, prints
 * {@code STEP <what>} after each acknowledged call (not {@code ACK}: that
 * is an acknowledged append, as {@link Writer} prints it) and {@code DONE} at the end, then waits to be killed.
 * Arguments: {@code key=value} configuration.
 */
public final class SessionWriter {

    /** How many messages the first session takes between its open and its state change. */
    static final int MESSAGES = 20;

    private SessionWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> keys = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            keys.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        StoreConfig config = StoreConfig.of(keys);
        Mnemo mnemo = Mnemo.builder().config(config).settings(MnemoConfig.from(config)).build();
        BlockingMnemo memory = mnemo.blocking();
        SessionId first = SessionId.of("journaled");
        memory.openSession(first, "user-1", Map.of("channel", "web"));
        out.println("STEP open");
        for (int i = 0; i < MESSAGES; i++) {
            Message message = i % 2 == 0 ? Message.user("question " + i) : Message.assistant("answer " + i);
            long start = System.nanoTime();
            AppendResult result = memory.append(first, message);
            out.println("ACK " + first.value() + " " + message.id() + " " + result.degraded() + " "
                    + (System.nanoTime() - start) / 1_000_000);
        }
        memory.updateState(first, StateDelta.set("step", 2));
        out.println("STEP state");
        memory.updateMetadata(first, Map.of("plan", "pro"));
        out.println("STEP metadata");
        memory.endSession(first, "resolved", "agent-7");
        out.println("STEP end");
        memory.openSession(SessionId.of("second"), "user-1");
        out.println("STEP open-second");
        out.println("DONE");
        Thread.sleep(Long.MAX_VALUE);
    }
}
