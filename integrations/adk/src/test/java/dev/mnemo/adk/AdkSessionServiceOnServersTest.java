package dev.mnemo.adk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.Session;
import dev.mnemo.Mnemo;
import dev.mnemo.testkit.firestore.FirestoreEmulatorExtension;
import dev.mnemo.testkit.redis.RedisServerExtension;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service on a real redis-server (hot), the Firestore emulator (durable) and the memory tier:
 * writes go through one Mnemo, reads through another on the same servers, as another instance of
 * the agent would read them.
 */
class AdkSessionServiceOnServersTest extends SessionServiceContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension
    static final FirestoreEmulatorExtension FIRESTORE = new FirestoreEmulatorExtension(
            FirestoreEmulatorExtension.DEFAULT_PROJECT_ID, false);

    private static Mnemo writer;
    private static Mnemo reader;

    @BeforeAll
    static void start() {
        String namespace = Deployments.namespace();
        writer = Deployments.servers(REDIS, FIRESTORE, namespace);
        reader = Deployments.servers(REDIS, FIRESTORE, namespace);
    }

    @AfterAll
    static void close() {
        writer.close();
        reader.close();
    }

    @Override
    Mnemo process() {
        return writer;
    }

    @Override
    Mnemo otherProcess() {
        return reader;
    }

    @Test
    void tempStateStaysInTheProcessThatWroteIt() {
        service.createSession(APP, user, Map.of("topic", "weather", "temp:draft", "x"), "temp-scope").blockingGet();

        Session here = get(service, "temp-scope", GetSessionConfig.builder().build());
        Session there = elsewhere.getSession(APP, user, "temp-scope", Optional.empty()).blockingGet();

        assertThat(here.state()).containsEntry("temp:draft", "x").containsEntry("topic", "weather");
        assertThat(there.state()).containsEntry("topic", "weather").doesNotContainKey("temp:draft");
    }
}
