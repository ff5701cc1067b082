package dev.mnemo.examples.chatbot;

import dev.mnemo.SessionId;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request's endpoint and session id, parsed from its method and path.
 *
 * @param endpoint what the request asks for
 * @param session  the session it names; {@code null} for {@link Endpoint#CREATE}
 */
record Route(Endpoint endpoint, @Nullable SessionId session) {

    /** The endpoints: a method and the path segments after {@code /sessions}. */
    enum Endpoint {
        /** {@code POST /sessions}: a new session of the caller's. */
        CREATE("POST", null),
        /** {@code DELETE /sessions/{id}}: purge the session. */
        DELETE("DELETE", ""),
        /** {@code POST /sessions/{id}/messages}: a turn; the only endpoint with a body. */
        MESSAGES("POST", "messages"),
        /** {@code GET /sessions/{id}/context}: what the model would be sent next. */
        CONTEXT("GET", "context"),
        /** {@code POST /sessions/{id}/end}: end the session. */
        END("POST", "end");

        private final String method;
        private final @Nullable String action;

        Endpoint(String method, @Nullable String action) {
            this.method = method;
            this.action = action;
        }

        /** @return whether the request carries a body to read */
        boolean hasBody() {
            return this == MESSAGES;
        }
    }

    /**
     * @param method the request's method
     * @param path   the request's path, still percent-encoded
     * @return the route
     * @throws RequestException 404 for no such endpoint, 405 (with {@code Allow}) for a wrong method
     * @throws dev.mnemo.InvalidInputException for a malformed session id (400)
     */
    static Route parse(String method, String path) {
        // Split before decoding, so that an encoded '/' stays inside the id (and is refused there).
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(Route::decode).toList();
        if (segments.isEmpty() || segments.size() > 3 || !segments.get(0).equals("sessions")) {
            throw new RequestException(404, "No such endpoint: " + method + " " + path);
        }
        String action = segments.size() == 1 ? null : segments.size() == 2 ? "" : segments.get(2);
        Endpoint endpoint = Arrays.stream(Endpoint.values()).filter(e -> Objects.equals(e.action, action))
                .findFirst().orElseThrow(() -> new RequestException(404, "No such endpoint: " + method + " " + path));
        if (!endpoint.method.equals(method)) {
            throw new RequestException(405, method + " is not allowed on " + path + "; use " + endpoint.method,
                    Map.of("Allow", endpoint.method));
        }
        return new Route(endpoint, action == null ? null : SessionId.of(segments.get(1)));
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RequestException(400, "Malformed percent-encoding in the path");
        }
    }
}
