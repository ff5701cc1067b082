package dev.mnemo.store.firestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The index file shipped for production (the emulator needs no index) declares what the store's queries use. */
class ProductionIndexesTest {

    @Test
    void listingByUserHasItsCompositeIndexAndExpireAtItsTtlPolicy() throws IOException {
        JsonNode indexes;
        try (InputStream in = FirestoreStore.class.getResourceAsStream("firestore.indexes.json")) {
            indexes = JsonCodec.mapper().readTree(in);
        }
        JsonNode sessions = indexes.path("indexes").get(0);
        assertThat(sessions.path("collectionGroup").asText()).isEqualTo("sessions");
        assertThat(sessions.path("fields").findValuesAsText("fieldPath")).containsExactly("userId", "updatedAt");
        assertThat(sessions.path("fields").get(1).path("order").asText()).isEqualTo("DESCENDING");
        assertThat(indexes.path("fieldOverrides")).anySatisfy(override -> {
            assertThat(override.path("fieldPath").asText()).isEqualTo("expireAt");
            assertThat(override.path("ttl").asBoolean()).isTrue();
        });
    }
}
