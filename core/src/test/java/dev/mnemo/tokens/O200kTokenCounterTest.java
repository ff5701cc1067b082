package dev.mnemo.tokens;

import static dev.mnemo.tokens.O200kSamples.ENCODING;
import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.EncodingType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Every count must equal JTokkit's {@code countTokensOrdinary}, to the token. */
class O200kTokenCounterTest {

    private static final String[] NON_ASCII = {
        "café au lait", "naïve résumé", "你好，世界！", "東京は晴れです", "thumbs up 👍🏽 and 🇫🇷", "\u212A is the Kelvin sign",
        "it'\u017F long s", "IT'\u017F", "Ǆemal ǅemal", "non\u00A0breaking\u2003spaces\u2028", "x²+y³ ½ ١٢٣", "e\u0301 combining",
        "Straße ΣΑΣ σας", "line\u0085next"};

    @Test
    void countsLicenseProseAsJTokkitDoes() {
        O200kTokenCounter counter = new O200kTokenCounter(ENCODING);
        for (String text : O200kSamples.licenseTexts()) {
            assertThat(counter.count(text)).isEqualTo(ENCODING.countTokensOrdinary(text));
        }
    }

    @Test
    void countsRandomEdgeHeavyAsciiAsJTokkitDoes() {
        O200kTokenCounter counter = new O200kTokenCounter(ENCODING);
        for (String text : O200kSamples.randomAscii(4_200_042L, 20_000)) {
            assertThat(counter.count(text)).as("count of %s", text).isEqualTo(ENCODING.countTokensOrdinary(text));
        }
    }

    @Test
    void countsNonAsciiTextAsJTokkitDoes() {
        O200kTokenCounter counter = new O200kTokenCounter(ENCODING);
        Random random = new Random(17L);
        List<String> texts = new ArrayList<>(List.of(NON_ASCII));
        for (String ascii : O200kSamples.randomAscii(99L, 2_000)) {
            StringBuilder text = new StringBuilder(ascii);
            text.insert(random.nextInt(text.length() + 1), NON_ASCII[random.nextInt(NON_ASCII.length)]);
            texts.add(text.toString());
        }
        for (String text : texts) {
            assertThat(counter.count(text)).as("count of %s", text).isEqualTo(ENCODING.countTokensOrdinary(text));
        }
    }

    @Test
    void countsTheSameWhetherPiecesAreCachedOrNot() {
        O200kTokenCounter counter = new O200kTokenCounter(ENCODING);
        String text = "Hello, world! Isn't it a wonderful day?\n\n" + "word ".repeat(40) + "x".repeat(60) + "   ";
        int expected = ENCODING.countTokensOrdinary(text);
        assertThat(counter.count(text)).isEqualTo(expected);
        assertThat(counter.count(text)).isEqualTo(expected);
        assertThat(counter.count("")).isZero();
        assertThat(counter.encoding()).isEqualTo("o200k_base");
    }

    @Test
    void countsRightWhenThreadsShareAndOverwriteTheCache() throws Exception {
        O200kTokenCounter counter = new O200kTokenCounter(ENCODING);
        List<String> texts = new ArrayList<>(O200kSamples.randomAscii(31L, 3_000));
        for (String license : O200kSamples.licenses()) {
            texts.addAll(List.of(license.split("\n")));
        }
        List<Integer> expected = texts.stream().map(ENCODING::countTokensOrdinary).toList();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> wrong = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                long seed = thread;
                wrong.add(pool.submit(() -> countInShuffledOrder(counter, texts, expected, seed)));
            }
            for (Future<List<String>> future : wrong) {
                assertThat(future.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void o200kCounterIsTheOneTokenCountersGives() {
        assertThat(TokenCounters.forEncoding(EncodingType.O200K_BASE)).isInstanceOf(O200kTokenCounter.class);
        assertThat(TokenCounters.forEncoding(EncodingType.CL100K_BASE)).isInstanceOf(JTokkitTokenCounter.class);
    }

    /** @return the texts whose count was wrong, each counted several times, in an order of its own */
    private static List<String> countInShuffledOrder(O200kTokenCounter counter, List<String> texts, List<Integer> expected, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            order.add(i);
        }
        List<String> wrong = new ArrayList<>();
        for (int pass = 0; pass < 3; pass++) {
            Collections.shuffle(order, new Random(seed * 10 + pass));
            for (int i : order) {
                if (counter.count(texts.get(i)) != expected.get(i)) {
                    wrong.add(texts.get(i));
                }
            }
        }
        return wrong;
    }
}
