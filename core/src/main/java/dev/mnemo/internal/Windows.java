package dev.mnemo.internal;

import dev.mnemo.Message;
import dev.mnemo.spi.Window;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/** Merging of windows read from different tiers. */
final class Windows {

    private Windows() {
    }

    /** @return {@code window} with {@code extra} messages merged in by id, the last {@code k} kept */
    static Window merge(Window window, List<Message> extra, int k) {
        TreeMap<UUID, Message> byId = new TreeMap<>(Message::compareIds);
        window.messages().forEach(m -> byId.put(m.id(), m));
        extra.forEach(m -> byId.putIfAbsent(m.id(), m));
        List<Message> merged = List.copyOf(byId.values());
        return new Window(window.session(), window.summary(), merged.subList(Math.max(0, merged.size() - k), merged.size()));
    }
}
