package dev.mnemo.examples.chatbot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes {@code /sessions/{id}[/{action}]} to the {@link Conversation} and answers JSON, errors
 * included ({@code {"error": "...", "status": N}}, status from {@link HttpErrors}).
 */
final class SessionsHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SessionsHandler.class);

    /** The endpoints below {@code /sessions/{id}}, by the path segment after the id. */
    private enum Endpoint {
        SESSION("", "DELETE"), MESSAGES("messages", "POST"), CONTEXT("context", "GET"), END("end", "POST");

        private final String action;
        private final String method;

        Endpoint(String action, String method) {
            this.action = action;
            this.method = method;
        }
    }

    /** A status and its JSON body. */
    private record Reply(int status, ObjectNode body) {
    }

    private final Conversation conversation;
    private final int maxContentBytes;
    private final int maxBodyBytes;

    /**
     * @param conversation    what the endpoints do
     * @param maxContentBytes Mnemo's {@code mnemo.max-content-bytes}: longer content is answered 413
     */
    SessionsHandler(Conversation conversation, int maxContentBytes) {
        this.conversation = conversation;
        this.maxContentBytes = maxContentBytes;
        // Room for the largest acceptable content even if each of its bytes were escaped in JSON as six
        // characters, plus the rest of the object: a longer body cannot hold a message Mnemo would take.
        this.maxBodyBytes = (int) Math.min(Integer.MAX_VALUE - 8, 6L * maxContentBytes + 16 * 1024);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Reply reply;
            try {
                reply = route(exchange);
            } catch (RuntimeException e) {
                reply = failure(exchange, e);
            }
            byte[] body = ChatJson.bytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }

    private Reply route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        // Split the raw path before decoding, so that an encoded '/' stays inside the id (and is refused there).
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
        if (segments.size() < 2 || segments.size() > 3 || !segments.get(0).equals("sessions")) {
            throw new RequestException(404, "No such endpoint: " + method + " " + path);
        }
        String action = segments.size() == 3 ? segments.get(2) : "";
        Endpoint endpoint = Arrays.stream(Endpoint.values()).filter(e -> e.action.equals(action)).findFirst()
                .orElseThrow(() -> new RequestException(404, "No such endpoint: " + method + " " + path));
        if (!endpoint.method.equals(method)) {
            exchange.getResponseHeaders().set("Allow", endpoint.method);
            throw new RequestException(405, method + " is not allowed on " + path + "; use " + endpoint.method);
        }
        SessionId id = SessionId.of(segments.get(1)); // InvalidInputException naming the bad id: 400
        return switch (endpoint) {
            case MESSAGES -> new Reply(200, ChatJson.turn(say(exchange, id)));
            case CONTEXT -> new Reply(200, ChatJson.context(conversation.context(id)));
            case END -> new Reply(200, ChatJson.flag("ended", conversation.end(id)));
            case SESSION -> {
                if (!conversation.delete(id)) {
                    throw new SessionNotFoundException(id.value());
                }
                yield new Reply(200, ChatJson.flag("deleted", true));
            }
        };
    }

    private Conversation.Turn say(HttpExchange exchange, SessionId id) throws IOException {
        ChatJson.ChatRequest request = ChatJson.request(body(exchange));
        // Mnemo refuses oversized content too, but as InvalidInputException, like any bad input;
        // checking the same limit here first lets the client tell 413 from 400.
        int bytes = request.content().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxContentBytes) {
            throw new RequestException(413, "The content has " + bytes + " bytes, over the limit of "
                    + maxContentBytes + " (mnemo.max-content-bytes)");
        }
        return conversation.say(id, request.userId(), request.content());
    }

    /** Reads at most one byte past the cap, whatever the Content-Length says (chunked bodies have none). */
    private byte[] body(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            throw new RequestException(413, "The body is over " + maxBodyBytes + " bytes: more than a message of at most "
                    + maxContentBytes + " bytes of content needs");
        }
        return body;
    }

    private static Reply failure(HttpExchange exchange, RuntimeException error) {
        int status = HttpErrors.status(error);
        if (status == 500) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), error);
        } else if (status > 500) { // a tier or the model is down: the condition matters, not the stack
            LOG.warn("{} {} answered {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), status, error.toString());
        }
        return new Reply(status, ChatJson.error(status, HttpErrors.message(error, status)));
    }
}
