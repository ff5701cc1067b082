package dev.mnemo.context;

import dev.mnemo.ToolCall;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tool call an agent has not run yet, such as one waiting for the user's confirmation; kept
 * in the session's state by {@link PendingToolCalls} so it survives the end of a run.
 *
 * @param call   the call, as the assistant message requested it
 * @param reason why it waits, such as {@code "needs confirmation"}, or {@code null}
 * @param since  when it started waiting
 */
public record PendingToolCall(ToolCall call, @Nullable String reason, Instant since) {

    /** Checks the parts. */
    public PendingToolCall {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(since, "since");
    }
}
