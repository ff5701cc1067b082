package dev.mnemo.context;

/** Asks for the session's state with the window; see {@link ContextPolicy#state()}. */
enum StateStage implements ContextPolicy {
    INSTANCE;

    @Override
    public ContextDraft apply(ContextDraft draft) {
        return draft;
    }

    @Override
    public boolean needsState() {
        return true;
    }
}
