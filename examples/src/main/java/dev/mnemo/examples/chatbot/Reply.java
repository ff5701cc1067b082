package dev.mnemo.examples.chatbot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What the server answers: a status, a JSON body and any headers beyond {@code Content-Type}.
 *
 * @param status  the HTTP status
 * @param body    the JSON body
 * @param headers further headers, such as {@code Retry-After} or {@code Location}
 */
record Reply(int status, ObjectNode body, Map<String, String> headers) {

    /** @return a reply without further headers */
    static Reply of(int status, ObjectNode body) {
        return new Reply(status, body, Map.of());
    }

    /** @return the reply to {@code error}: its status from {@link HttpErrors}, and its headers when it carries any */
    static Reply failure(Throwable error) {
        int status = HttpErrors.status(error);
        Map<String, String> headers = error instanceof RequestException request ? request.headers() : Map.of();
        return new Reply(status, ChatJson.error(status, HttpErrors.message(error, status)), headers);
    }
}
