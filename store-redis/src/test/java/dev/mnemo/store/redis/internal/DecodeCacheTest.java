package dev.mnemo.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DecodeCacheTest {

    private final AtomicInteger decodes = new AtomicInteger();
    private final Function<String, String> decode = json -> {
        decodes.incrementAndGet();
        if (json.startsWith("bad")) {
            throw new IllegalArgumentException("corrupt: " + json);
        }
        return json.toUpperCase();
    };
    private final DecodeCache<String> cache = new DecodeCache<>();

    @Test
    void theSameTextIsDecodedOnce() {
        assertThat(cache.get(7, "{\"a\":1}", decode)).isEqualTo("{\"A\":1}");
        String again = cache.get(7, new String("{\"a\":1}"), decode);
        assertThat(again).isEqualTo("{\"A\":1}");
        assertThat(decodes).hasValue(1);
    }

    @Test
    void anotherTextInTheSameSlotIsDecodedAndReplacesIt() {
        cache.get(7, "one", decode);
        assertThat(cache.get(7, "two", decode)).isEqualTo("TWO");
        assertThat(cache.get(7 + DecodeCache.SLOTS, "one", decode)).isEqualTo("ONE");
        assertThat(decodes).hasValue(3);
    }

    @Test
    void aTextThatFailsToDecodeIsNotKept() {
        cache.get(7, "good", decode);
        assertThatThrownBy(() -> cache.get(7, "bad text", decode)).hasMessageContaining("corrupt: bad text");
        assertThatThrownBy(() -> cache.get(7, "bad text", decode)).hasMessageContaining("corrupt: bad text");
        assertThat(decodes).hasValue(3);
        assertThat(cache.get(7, "good", decode)).isEqualTo("GOOD");
        assertThat(decodes).hasValue(3);
    }
}
