package dev.mnemo.examples.chatbot;

import dev.mnemo.ConflictException;
import dev.mnemo.InvalidInputException;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.examples.llm.ChatModelException;

/**
 * The HTTP status of each failure, by its type, in one place. Mnemo's exceptions name their
 * condition, so the mapping needs no message parsing:
 * <ul>
 *   <li>{@link RequestException}: the status it carries (400, 401, 404, 405, 408, 409, 413, 422,
 *       429, 503);</li>
 *   <li>{@link InvalidInputException} (a bad session id): 400;</li>
 *   <li>{@link SessionNotFoundException}, which is also what a session of another user is: 404;</li>
 *   <li>{@link ConflictException} (the session has ended): 409;</li>
 *   <li>{@link StoreUnavailableException}, {@link dev.mnemo.StoreTimeoutException} among them:
 *       503, since no tier could serve the call;</li>
 *   <li>{@link ChatModelException}: 502, the model behind the server failed;</li>
 *   <li>anything else: 500.</li>
 * </ul>
 */
final class HttpErrors {

    /** What a 500 says to the client; the cause goes to the log, not over the wire. */
    static final String INTERNAL = "Internal error; the server's log has the details";

    private HttpErrors() {
    }

    /** @return the HTTP status that answers {@code error} */
    static int status(Throwable error) {
        if (error instanceof RequestException request) {
            return request.status();
        }
        if (error instanceof SessionNotFoundException) {
            return 404;
        }
        if (error instanceof ConflictException) {
            return 409;
        }
        if (error instanceof StoreUnavailableException) {
            return 503;
        }
        if (error instanceof InvalidInputException) {
            return 400;
        }
        if (error instanceof ChatModelException) {
            return 502;
        }
        return 500;
    }

    /** @return what the client is told of {@code error}, answered with {@code status} */
    static String message(Throwable error, int status) {
        return status == 500 ? INTERNAL : String.valueOf(error.getMessage());
    }
}
