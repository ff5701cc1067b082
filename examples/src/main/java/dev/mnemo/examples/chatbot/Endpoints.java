package dev.mnemo.examples.chatbot;

import dev.mnemo.SessionId;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What each endpoint does for an authenticated caller, with no HTTP server in it: the
 * {@link ChatbotHandler} has already checked the credential, the rate and the body's size.
 */
final class Endpoints {

    /** The response header of a turn answered again for a retried request. */
    static final String REPLAYED = "Idempotent-Replayed";

    private final Conversation conversation;
    private final IdempotentTurns turns;
    private final int maxContentBytes;

    /**
     * @param conversation    the chat
     * @param maxContentBytes Mnemo's {@code mnemo.max-content-bytes}: longer content is answered 413
     */
    Endpoints(Conversation conversation, int maxContentBytes) {
        this.conversation = conversation;
        this.turns = new IdempotentTurns(conversation);
        this.maxContentBytes = maxContentBytes;
    }

    /**
     * @param route          the endpoint and session
     * @param userId         the caller, as the bearer token says
     * @param body           the request body; empty for endpoints without one
     * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
     * @return the reply
     */
    Reply serve(Route route, String userId, byte[] body, @Nullable String idempotencyKey) {
        if (route.endpoint() == Route.Endpoint.CREATE) {
            SessionId created = conversation.create(userId);
            return new Reply(201, ChatJson.created(created), Map.of("Location", "/sessions/" + created.value()));
        }
        SessionId id = Objects.requireNonNull(route.session(), "a session endpoint names its session");
        return switch (route.endpoint()) {
            case MESSAGES -> say(id, userId, body, idempotencyKey);
            case CONTEXT -> Reply.of(200, ChatJson.context(conversation.context(id, userId)));
            case END -> Reply.of(200, ChatJson.flag("ended", conversation.end(id, userId)));
            case DELETE -> {
                conversation.delete(id, userId);
                yield Reply.of(200, ChatJson.flag("deleted", true));
            }
            case CREATE -> throw new IllegalStateException("answered above");
        };
    }

    private Reply say(SessionId id, String userId, byte[] body, @Nullable String idempotencyKey) {
        String content = ChatJson.content(body);
        // Mnemo refuses oversized content too, but as InvalidInputException, like any bad input;
        // checking the same limit here first lets the client tell 413 from 400.
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxContentBytes) {
            throw new RequestException(413, "The content has " + bytes + " bytes, over the limit of "
                    + maxContentBytes + " (mnemo.max-content-bytes)");
        }
        IdempotentTurns.Outcome outcome = turns.say(id, userId, content, idempotencyKey);
        return new Reply(200, ChatJson.turn(outcome.turn()),
                outcome.replayed() ? Map.of(REPLAYED, "true") : Map.of());
    }
}
