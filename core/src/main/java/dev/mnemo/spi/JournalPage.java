package dev.mnemo.spi;

import dev.mnemo.Message;
import dev.mnemo.Session;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Entries read from a {@link DurableJournal}.
 *
 * @param session    the session as the journal saw it when its first entry was written, to create
 *                   it in a durable tier that lacks it (created while that tier was down); empty
 *                   when the journal has no such record
 * @param messages   the entries, in id order
 * @param unreadable ids of entries whose text cannot be read back; the caller poisons them
 */
public record JournalPage(Optional<Session> session, List<Message> messages, List<UUID> unreadable) {

    /** Copies the lists. */
    public JournalPage {
        messages = List.copyOf(messages);
        unreadable = List.copyOf(unreadable);
    }

    /** @return whether the page holds no entry, readable or not */
    public boolean isEmpty() {
        return messages.isEmpty() && unreadable.isEmpty();
    }
}
