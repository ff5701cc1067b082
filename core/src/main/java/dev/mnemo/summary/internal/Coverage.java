package dev.mnemo.summary.internal;

import dev.mnemo.Message;
import dev.mnemo.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What one summarizer call covers: the messages of a page that are older than the kept recent
 * ones, cut back so that it never ends between an assistant tool call and its TOOL results
 * (the context would then hold results whose call it no longer has).
 *
 * @param covered the messages to summarize, oldest first; empty when there is nothing to do
 * @param more    whether older-than-kept messages remain after this page
 */
record Coverage(List<Message> covered, boolean more) {

    /**
     * @param page     up to {@code pageSize + 1} messages after the current summary, oldest first
     * @param kept     the session's last messages, which stay out of any summary, oldest first
     * @param pageSize the most messages one call covers
     * @return the coverage
     */
    static Coverage plan(List<Message> page, List<Message> kept, int pageSize) {
        UUID boundary = kept.isEmpty() ? null : kept.get(0).id();
        List<Message> covered = new ArrayList<>();
        for (Message message : page.subList(0, Math.min(pageSize, page.size()))) {
            if (boundary != null && Message.compareIds(message.id(), boundary) >= 0) {
                break;
            }
            covered.add(message);
        }
        Message next = covered.size() < page.size() ? page.get(covered.size()) : null;
        boolean more = covered.size() == pageSize && next != null
                && (boundary == null || Message.compareIds(next.id(), boundary) < 0);
        List<Message> whole = new ArrayList<>(covered);
        while (!whole.isEmpty() && next != null && next.role() == Role.TOOL) {
            next = whole.remove(whole.size() - 1);
        }
        // A tool group longer than a page cannot be kept whole; covering it split beats never moving on.
        return new Coverage(whole.isEmpty() && more ? covered : whole, more);
    }
}
