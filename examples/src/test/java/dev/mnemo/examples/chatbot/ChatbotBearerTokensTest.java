package dev.mnemo.examples.chatbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the bearer tokens, finding a token's user, and never showing a token. */
class ChatbotBearerTokensTest {

    private static final String ADA = BearerTokens.generate();
    private static final String ADA_NEXT = BearerTokens.generate();
    private static final String GRACE = "Qm9vbGVhbiBhbGdlYnJhIGlzIGZ1bi4uLg+/ab==";

    @TempDir
    Path directory;

    @Test
    void aTokenNamesItsUserWhateverTheSchemesCase() {
        BearerTokens tokens = BearerTokens.of(Map.of("ada", ADA, "grace", GRACE));
        assertThat(tokens.authenticate("Bearer " + ADA)).contains("ada");
        assertThat(tokens.authenticate("bearer  " + GRACE + " ")).contains("grace");
        assertThat(tokens.authenticate("Bearer " + ADA.substring(1))).isEmpty();
        assertThat(tokens.authenticate("Basic " + ADA)).isEmpty();
        assertThat(tokens.authenticate(ADA)).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.users()).containsExactly("ada", "grace");
    }

    @Test
    void inlineEntriesAndAFileAddUpAndAUserMayHoldSeveralTokens() throws Exception {
        Path file = Files.writeString(directory.resolve("tokens"), "# rotation: both of Ada's tokens work\n\nada=" + ADA_NEXT
                + "\n  grace = " + GRACE + "\n");
        BearerTokens tokens = BearerTokens.from(StoreConfig.of(Map.of("mnemo.chatbot.tokens", "ada=" + ADA,
                "mnemo.chatbot.tokens-file", file.toString())));
        assertThat(tokens.authenticate("Bearer " + ADA)).contains("ada");
        assertThat(tokens.authenticate("Bearer " + ADA_NEXT)).contains("ada");
        assertThat(tokens.authenticate("Bearer " + GRACE)).contains("grace");
        assertThat(tokens.toString()).isEqualTo("BearerTokens[3 tokens of 2 users]");
        assertThat(BearerTokens.from(StoreConfig.DEFAULTS).isEmpty()).isTrue();
    }

    @Test
    void everyBadEntryIsNamedByPositionAndNoTokenIsShown() throws Exception {
        String shortToken = "tooShort";
        Path file = Files.writeString(directory.resolve("tokens"), "ada=" + ADA + "\nbad user=" + GRACE + "\n");
        assertThatThrownBy(() -> BearerTokens.from(StoreConfig.of(Map.of(
                "mnemo.chatbot.tokens", "ada=" + shortToken + "," + ADA_NEXT + ",eve=" + ADA + "," + GRACE,
                "mnemo.chatbot.tokens-file", file.toString()))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.chatbot.tokens, entry 1: the token is not 32 or more characters")
                .hasMessageContaining("mnemo.chatbot.tokens, entry 2: not user=token")
                .hasMessageContaining("mnemo.chatbot.tokens, entry 4: the user id is not 1-128 characters")
                .hasMessageContaining("line 1: the token is another user's too")
                .hasMessageContaining("line 2: the user id is not 1-128 characters")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortToken, ADA, ADA_NEXT, GRACE, "Qm9v", "bad user"));
    }

    @Test
    void anUnreadableFileIsReportedWithoutItsContent() {
        assertThatThrownBy(() -> BearerTokens.from(StoreConfig.of(Map.of("mnemo.chatbot.tokens-file",
                directory.resolve("missing").toString()))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be read (NoSuchFileException)");
    }

    @Test
    void aGeneratedTokenIsLongRandomAndAccepted() {
        String token = BearerTokens.generate();
        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(BearerTokens.generate());
        assertThat(BearerTokens.of(Map.of("demo", token)).authenticate("Bearer " + token)).contains("demo");
    }
}
