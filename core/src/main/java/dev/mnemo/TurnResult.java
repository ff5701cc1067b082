package dev.mnemo;

import dev.mnemo.context.Context;
import java.util.Objects;

/**
 * What {@link Mnemo#turn} answers: what the append stored, and the context to send to the LLM
 * afterwards, which holds the turn's messages.
 *
 * @param appended what was stored, as {@link Mnemo#append} answers it
 * @param context  the context the policy chose, as {@link Mnemo#context} answers it
 */
public record TurnResult(AppendResult appended, Context context) {

    /** Checks both are given. */
    public TurnResult {
        Objects.requireNonNull(appended, "appended");
        Objects.requireNonNull(context, "context");
    }
}
