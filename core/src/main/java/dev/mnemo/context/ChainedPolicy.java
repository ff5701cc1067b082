package dev.mnemo.context;

import java.util.Objects;

/** Two stages, one after the other; see {@link ContextPolicy#then(ContextPolicy)}. */
record ChainedPolicy(ContextPolicy first, ContextPolicy second) implements ContextPolicy {

    ChainedPolicy {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
    }

    @Override
    public ContextDraft apply(ContextDraft draft) {
        return second.apply(first.apply(draft));
    }

    /** Each stage keeps a suffix of its input, so the narrower one bounds the read. */
    @Override
    public int window() {
        return Math.min(first.window(), second.window());
    }

    @Override
    public boolean needsState() {
        return first.needsState() || second.needsState();
    }
}
