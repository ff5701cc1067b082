package dev.mnemo.examples.chatbot;

import java.util.Map;

/**
 * A request the server refuses before Mnemo sees it, with the HTTP status to answer and any
 * headers that go with it: no or a bad credential (401, {@code WWW-Authenticate}), an unknown
 * endpoint (404), a wrong method (405, {@code Allow}), a malformed body (400), a body that was too
 * slow (408) or too large (413), too many requests (429, {@code Retry-After}), a key in use (409,
 * 422), no thread free (503, {@code Retry-After}).
 */
final class RequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final Map<String, String> headers;

    /**
     * @param status  the HTTP status to answer
     * @param message what is wrong, sent to the client
     */
    RequestException(int status, String message) {
        this(status, message, Map.of());
    }

    /**
     * @param status  the HTTP status to answer
     * @param message what is wrong, sent to the client
     * @param headers response headers that say more, such as {@code Retry-After}
     */
    RequestException(int status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /** @return the HTTP status to answer */
    int status() {
        return status;
    }

    /** @return the headers to answer with */
    Map<String, String> headers() {
        return headers;
    }
}
