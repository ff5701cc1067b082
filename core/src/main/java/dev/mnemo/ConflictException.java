package dev.mnemo;

/**
 * The call conflicts with the stored state: the session already exists with another owner,
 * the session has ended and takes no more messages, or a write lost a race it may not retry.
 */
public class ConflictException extends MnemoException {

    /** @param message the conflict, naming the session */
    public ConflictException(String message) {
        super(message);
    }
}
