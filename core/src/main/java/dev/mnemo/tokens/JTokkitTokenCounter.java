package dev.mnemo.tokens;

import com.knuddels.jtokkit.api.Encoding;
import dev.mnemo.spi.TokenCounter;

/** A {@link TokenCounter} backed by one JTokkit encoding; thread-safe. */
class JTokkitTokenCounter implements TokenCounter {

    final Encoding encoding;

    JTokkitTokenCounter(Encoding encoding) {
        this.encoding = encoding;
    }

    @Override
    public String encoding() {
        return encoding.getName();
    }

    @Override
    public int count(String text) {
        return encoding.countTokensOrdinary(text);
    }
}
