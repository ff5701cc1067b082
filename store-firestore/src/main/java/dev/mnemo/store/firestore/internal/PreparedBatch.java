package dev.mnemo.store.firestore.internal;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.spi.support.Limits;
import dev.mnemo.spi.SessionRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A batch of messages checked against Firestore's limits and turned into documents before
 * anything is written: ids repeated within the batch kept once, each document within 1 MiB, the
 * batch within one commit.
 *
 * @param messages  the distinct messages, in the order given
 * @param documents the document fields of each message, in the same order
 * @param bytes     the documents' total size by Firestore's rules
 */
public record PreparedBatch(List<Message> messages, List<Map<String, Object>> documents, long bytes) {

    /** The most messages one append takes: with the session document's update, Firestore's 500 writes per commit. */
    public static final int MAX_MESSAGES = DocumentSize.MAX_WRITES - 1;

    /** Copies both lists. */
    public PreparedBatch {
        messages = List.copyOf(messages);
        documents = List.copyOf(documents);
    }

    /**
     * @return the checked batch
     * @throws InvalidInputException when the batch is empty, too large for one commit, or holds a
     *                               message whose document would pass 1 MiB
     */
    public static PreparedBatch of(Layout layout, SessionRef ref, List<Message> batch) {
        Limits.requireMessages(ref, batch);
        Map<UUID, Message> distinct = new LinkedHashMap<>();
        batch.forEach(message -> distinct.putIfAbsent(message.id(), message));
        if (distinct.size() > MAX_MESSAGES) {
            throw new InvalidInputException("A batch of " + distinct.size() + " messages for session " + ref
                    + " is over the " + MAX_MESSAGES + " one Firestore commit takes; append it in parts");
        }
        List<Map<String, Object>> documents = new ArrayList<>(distinct.size());
        long bytes = 0;
        for (Message message : distinct.values()) {
            Map<String, Object> fields = MessageCodec.fields(message);
            bytes += DocumentSize.requireFits("Message " + message.id() + " of session " + ref,
                    DocumentSize.of(layout.message(ref, message.id()), fields));
            documents.add(fields);
        }
        if (bytes > DocumentSize.MAX_COMMIT_BYTES) {
            throw new InvalidInputException("A batch of " + bytes + " bytes for session " + ref + " is over the "
                    + DocumentSize.MAX_COMMIT_BYTES + " bytes one Firestore commit of this tier carries; append it in parts");
        }
        return new PreparedBatch(new ArrayList<>(distinct.values()), documents, bytes);
    }

    /** @return how many distinct messages the batch holds */
    public int size() {
        return messages.size();
    }
}
