package dev.mnemo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Input a store could not keep as given is refused before anything is stored, with an error that
 * names what is wrong and quotes the caller's value escaped and cut short: text with an unpaired
 * UTF-16 surrogate anywhere (which UTF-8 would turn into {@code ?}), metadata that is not JSON or
 * nests too deep, and messages or metadata over their size bound, whatever the tiers.
 */
class HostileInputTest {

    private static final String LONE = "before \uD800 after";

    private final Mnemo mnemo = Mnemo.ephemeral();
    private final BlockingMnemo memory = mnemo.blocking();
    private final SessionId id = SessionId.of("hostile");

    @AfterEach
    void close() {
        mnemo.close();
    }

    @Test
    void anUnpairedSurrogateAnywhereInAMessageIsRefusedAndNothingIsStored() {
        memory.openSession(id, "u1");
        assertRefused(() -> memory.append(id, Message.user(LONE)), "content");
        assertRefused(() -> memory.append(id, Message.builder(Role.USER).content("hi").name(LONE).build()), "name");
        assertRefused(() -> memory.append(id, Message.builder(Role.USER).content("hi").metadata(LONE, 1).build()), "metadata");
        assertRefused(() -> memory.append(id, Message.builder(Role.USER).content("hi")
                .metadata("sources", List.of(Map.of("title", LONE))).build()), "metadata");
        assertRefused(() -> memory.append(id, Message.builder(Role.ASSISTANT).content("")
                .toolCall("call-1", "search", "{\"q\": \"" + LONE + "\"}").build()), "arguments");
        assertThat(memory.history(id, 10).value()).isEmpty();
        assertThat(memory.append(id, Message.user("paired \uD83D\uDE00 is fine")).appended()).isEqualTo(1);
    }

    @Test
    void anUnpairedSurrogateInStateOrSessionMetadataIsRefused() {
        memory.openSession(id, "u1");
        assertRefused(() -> StateDelta.set(LONE, 1), "State key");
        assertRefused(() -> StateDelta.set("k", LONE), "State value");
        assertRefused(() -> memory.updateMetadata(id, Map.of("k", LONE)), "metadata");
        assertRefused(() -> memory.openSession(SessionId.of("other"), "u1", Map.of(LONE, 1)), "metadata key");
        assertThat(memory.getSession(id).value().orElseThrow().metadata()).isEmpty();
    }

    @Test
    void metadataThatIsNotJsonOrNestsTooDeepIsRefusedNamingTheKey() {
        memory.openSession(id, "u1");
        assertRefused(() -> memory.append(id, Message.builder(Role.USER).content("hi").metadata("handle", new Object()).build()),
                "metadata \"handle\" is not JSON-representable");
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> level = deep;
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> next = new HashMap<>();
            level.put("next", next);
            level = next;
        }
        assertRefused(() -> memory.updateMetadata(id, Map.of("tree", deep)), "nests deeper than 32 levels");
    }

    @Test
    void metadataCountsAgainstTheMessageBoundAndSessionMetadataHasOneOfItsOwnWhateverTheTiers() {
        memory.openSession(id, "u1");
        String big = "x".repeat(MnemoConfig.DEFAULT_MAX_CONTENT_BYTES);
        assertRefused(() -> memory.append(id, Message.builder(Role.USER).content("hi").metadata("blob", big).build()),
                "mnemo.max-content-bytes");
        assertRefused(() -> memory.updateMetadata(id, Map.of("blob", big)), "over the limit of 65536");
    }

    @Test
    void errorsQuoteTheCallersValueEscapedAndCutShort() {
        String forged = "a\r\n2026-12-06 INFO forged log line " + "z".repeat(10_000);
        assertThatThrownBy(() -> SessionId.of(forged)).isInstanceOf(InvalidInputException.class)
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\r", "\n").contains("\\u000d\\u000a")
                        .hasSizeLessThan(300));
        assertThatThrownBy(() -> memory.openSession(id, forged)).isInstanceOf(InvalidInputException.class)
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n").hasSizeLessThan(300));
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String naming) {
        assertThatThrownBy(call).isInstanceOf(InvalidInputException.class).hasMessageContaining(naming);
    }
}
