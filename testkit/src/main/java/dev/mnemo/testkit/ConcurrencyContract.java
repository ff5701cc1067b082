package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Concurrency: many writers to one session, with retries, store every message once and in id order. */
public interface ConcurrencyContract extends StoreFixture {

    @Test
    default void manyThreadsAppendingToOneSessionStoreEveryMessageOnceInIdOrder() throws Exception {
        Session session = open("u1");
        int threads = 8;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Message> sent = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        List<Message> batch = messages(1);
                        sent.addAll(batch);
                        await(store().append(session.ref(), batch));
                        if (i % 10 == 0) {
                            await(store().append(session.ref(), batch)); // a retry changes nothing
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int total = threads * perThread;
        Session after = await(store().getSession(session.ref())).orElseThrow();
        assertThat(after.messageCount()).isEqualTo(total);
        assertThat(after.tokenCount()).isEqualTo(3L * total);
        int window = store().capabilities().windowSize();
        int visible = window == 0 ? total : Math.min(window, total);
        List<UUID> expected = sent.stream().sorted(Message.BY_ID).map(Message::id).toList();
        List<Message> stored = await(store().lastMessages(session.ref(), total));
        assertThat(ids(stored)).isEqualTo(expected.subList(total - visible, total));
    }
}
