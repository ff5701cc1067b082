package dev.mnemo.imports;

import java.util.Map;
import java.util.Objects;

/**
 * Where an import stands: reported after every batch it stores, and answered when it ends.
 *
 * @param conversations        conversations finished so far: all their messages stored, or none to store
 * @param imported             messages this run stored
 * @param alreadyImported      messages an earlier run had stored, found again and left as they were
 * @param refused              conversations left untouched, each with the reason (its session holds
 *                             messages no import wrote, belongs to another user, or its source
 *                             changed since an earlier run)
 * @param conversation         the conversation the report is about, or {@code ""} before the first
 * @param conversationImported how many of its messages are stored now, by this run or an earlier one
 * @param conversationMessages how many messages it has in Mnemo's form (a Spring AI tool response
 *                             with several results counts one per result)
 */
public record ImportProgress(int conversations, long imported, long alreadyImported, Map<String, String> refused,
                             String conversation, int conversationImported, int conversationMessages) {

    /** Copies the refusals. */
    public ImportProgress {
        refused = Map.copyOf(refused);
        Objects.requireNonNull(conversation, "conversation");
    }
}
