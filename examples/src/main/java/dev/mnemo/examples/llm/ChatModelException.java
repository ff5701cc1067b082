package dev.mnemo.examples.llm;

/**
 * The model could not answer: the server refused the request, did not answer in time, or sent
 * a reply with no message in it. Not a {@link dev.mnemo.MnemoException}: memory is fine, the
 * model is not, and a backend answers it differently (the chatbot with 502 Bad Gateway).
 */
public class ChatModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the model's server */
    public ChatModelException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the model's server
     * @param cause   the HTTP client's or the parser's exception
     */
    public ChatModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
