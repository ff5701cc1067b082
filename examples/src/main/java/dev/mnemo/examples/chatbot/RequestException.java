package dev.mnemo.examples.chatbot;

/**
 * A request the server refuses before Mnemo sees it, with the HTTP status to answer: an unknown
 * endpoint (404), a wrong method (405), a malformed body (400), a body or content over the
 * limits (413).
 */
final class RequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  the HTTP status to answer
     * @param message what is wrong, sent to the client
     */
    RequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return the HTTP status to answer */
    int status() {
        return status;
    }
}
