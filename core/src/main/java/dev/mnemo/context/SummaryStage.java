package dev.mnemo.context;

import dev.mnemo.Message;
import dev.mnemo.Summary;

/** The summary first, then the messages after it; see {@link ContextPolicy#summary()}. */
enum SummaryStage implements ContextPolicy {
    INSTANCE;

    @Override
    public ContextDraft apply(ContextDraft draft) {
        if (draft.storedSummary().isEmpty()) {
            return draft;
        }
        Summary summary = draft.storedSummary().get();
        return draft.withSummary(draft.storedSummary()).withMessages(draft.messages().stream()
                .filter(message -> Message.compareIds(message.id(), summary.coversUpTo()) > 0)
                .toList());
    }
}
