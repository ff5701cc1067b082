package dev.mnemo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.CorruptDataException;
import dev.mnemo.spi.SessionRef;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.mnemo.spi.support.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "a*", "with space", "..", "{sid}", "ä"})
    void invalidSessionIdsAreRejectedNamingTheValue(String bad) {
        assertThatThrownBy(() -> SessionId.of(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(Limits.quote(bad));
    }

    @Test
    void sessionIdsUpTo128SafeCharactersAreAccepted() {
        assertThat(SessionId.of("chat:42.a-b_C").value()).isEqualTo("chat:42.a-b_C");
        assertThat(SessionId.of("x".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> SessionId.of("x".repeat(129))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new SessionRef("bad/ns", SessionId.of("a"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void randomSessionIdsAreSafe128BitIdsThatNeverRepeat() {
        Set<String> minted = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = SessionId.random().value();
            assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+");
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
            assertThat(SessionId.of(id).value()).isEqualTo(id);
            minted.add(id);
        }
        assertThat(minted).as("distinct ids").hasSize(10_000);
    }

    @Test
    void messageIdsAreUuidV7InCreationOrder() {
        List<Message> built = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            built.add(Message.user("m" + i));
        }
        assertThat(built.get(0).id().version()).isEqualTo(7);
        assertThat(built).isSortedAccordingTo(Message.BY_ID);
        assertThat(built.stream().map(m -> m.id().toString()).toList()).isSorted();
    }

    @Test
    void badMessagesAreRejected() {
        assertThatThrownBy(() -> Message.user("  ")).isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Message.builder(Role.TOOL).content("result").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("toolCallId");
        assertThatThrownBy(() -> Message.builder(Role.USER).content("x").toolCall("c1", "f", "{}").build())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Message.builder(Role.ASSISTANT).toolCall("c1", "f", "{not json").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Malformed JSON");
        assertThatThrownBy(() -> Message.builder(Role.ASSISTANT).toolCall("c1", "f", "{} {}").build())
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void messageSurvivesItsJsonForm() {
        Message message = Message.builder(Role.ASSISTANT).content("calling").name("bot")
                .toolCall("c1", "search", "{\"q\":\"weather\"}")
                .metadata("confidence", 0.9).metadata("sources", List.of("kb-1")).build().withTokens(12);
        String json = JsonCodec.write(message);
        assertThat(JsonCodec.readMessage("test", json)).isEqualTo(message);
        assertThat(json).as("the Redis scripts read the id there").startsWith("{\"id\":\"" + message.id() + "\",");
        assertThatThrownBy(() -> JsonCodec.readMessage("mnemo:ns:{s}:msgs", "{\"role\":"))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("mnemo:ns:{s}:msgs");
    }

    @Test
    void stateScopesFollowTheKeyPrefix() {
        assertThat(StateScope.of("topic")).isEqualTo(StateScope.SESSION);
        assertThat(StateScope.of("user:lang")).isEqualTo(StateScope.USER);
        assertThat(StateScope.of("app:motd")).isEqualTo(StateScope.APP);
        assertThat(StateScope.of("temp:scratch")).isEqualTo(StateScope.TEMP);
    }

    @Test
    void stateDeltaNormalisesValuesAndSplitsByScope() {
        record Profile(String name, int age) {
        }
        StateDelta delta = StateDelta.builder().set("profile", new Profile("Ada", 36)).set("temp:x", 1)
                .set("user:lang", "en").remove("old").build();
        assertThat(delta.updates().get("profile")).isEqualTo(Map.of("name", "Ada", "age", 36));
        assertThat(delta.persistent().updates()).containsOnlyKeys("profile", "user:lang");
        assertThat(delta.persistent().removals()).containsExactly("old");
        assertThat(delta.scope(StateScope.TEMP).updates()).containsOnlyKeys("temp:x");
        State state = State.EMPTY.apply(delta);
        assertThat(state.get("profile", Profile.class)).contains(new Profile("Ada", 36));
        assertThatThrownBy(() -> StateDelta.set("", 1)).isInstanceOf(InvalidInputException.class);
    }
}
