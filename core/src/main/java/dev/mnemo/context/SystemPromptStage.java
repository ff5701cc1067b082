package dev.mnemo.context;

import dev.mnemo.Message;
import dev.mnemo.Role;
import java.util.List;
import java.util.Optional;

/** Puts the system prompt first; see {@link ContextPolicy#systemPrompt()}. */
enum SystemPromptStage implements ContextPolicy {
    INSTANCE;

    @Override
    public ContextDraft apply(ContextDraft draft) {
        if (draft.systemPrompt().isPresent()) {
            return draft;
        }
        List<Message> messages = draft.messages();
        Optional<Message> prompt = draft.pinnedSystemPrompt()
                .or(() -> messages.isEmpty() || messages.get(0).role() != Role.SYSTEM
                        ? Optional.empty() : Optional.of(messages.get(0)));
        return prompt.map(chosen -> draft.withSystemPrompt(chosen).withMessages(
                messages.stream().filter(message -> !message.id().equals(chosen.id())).toList()))
                .orElse(draft);
    }

    @Override
    public boolean needsState() {
        return true;
    }
}
