package dev.mnemo.context;

import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.Session;
import dev.mnemo.State;
import dev.mnemo.SessionId;
import dev.mnemo.Summary;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.TokenCounter;
import dev.mnemo.spi.Window;
import dev.mnemo.tokens.TokenCounters;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Messages with fixed token counts, and contexts assembled from them without a store. */
final class Drafts {

    static final SessionId SESSION = SessionId.of("s-1");
    static final TokenCounter COUNTER = TokenCounters.forModel("gpt-4o");

    private Drafts() {
    }

    static Message system(String text, int tokens) {
        return Message.system(text).withTokens(tokens);
    }

    static Message user(String text, int tokens) {
        return Message.user(text).withTokens(tokens);
    }

    static Message assistant(String text, int tokens) {
        return Message.assistant(text).withTokens(tokens);
    }

    static Message call(String callId, String tool, String arguments, int tokens) {
        return Message.builder(Role.ASSISTANT).toolCall(callId, tool, arguments).build().withTokens(tokens);
    }

    static Message result(String callId, String content, int tokens) {
        return Message.tool(callId, content).withTokens(tokens);
    }

    static Context assemble(ContextPolicy policy, List<Message> latest) {
        return assemble(policy, latest, Optional.empty(), Optional.empty());
    }

    static Context assemble(ContextPolicy policy, List<Message> latest, Optional<Summary> summary,
                            Optional<Message> pinned) {
        Session session = Session.create(new SessionRef("default", SESSION), null, null, Instant.now());
        List<Message> read = latest.subList(Math.max(0, latest.size() - policy.readLimit()), latest.size());
        Optional<State> state = policy.needsState()
                ? Optional.of(pinned.map(prompt -> State.EMPTY.apply(SystemPrompt.pin(prompt))).orElse(State.EMPTY))
                : Optional.empty();
        return Context.assemble(SESSION, policy, new Window(session, summary, read, state), COUNTER, "test", false);
    }
}
