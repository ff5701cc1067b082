package dev.mnemo.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.testkit.redis.RedisServer;
import dev.mnemo.testkit.redis.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis tier over TLS against a real {@code redis-server --tls-port ... --tls-auth-clients yes}
 * with a CA, server and client certificates made for the test: it works with the CA file and the
 * client certificate, and fails at once, naming TLS, with a CA that did not sign the server's
 * certificate or without a client certificate.
 */
class RedisTlsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static TestCertificates certificates;
    private static RedisServer server;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.create();
        server = RedisServer.startTls(certificates);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void withTheCaFileAndTheClientCertificateTheStoreWorksVerifyingTheHost() {
        try (RedisStore store = store(new RedisTls(path(certificates.caCert()), path(certificates.clientCert()),
                path(certificates.clientKey()), RedisTls.Verify.FULL))) {
            SessionRef ref = new SessionRef("tls", SessionId.of("s-" + UUID.randomUUID()));
            Stages.join(store.createSession(Session.create(ref, "ada", Map.of(), Instant.now())));
            Stages.join(store.append(ref, List.of(Message.user("over TLS"))));
            assertThat(Stages.join(store.lastMessages(ref, 5))).extracting(Message::content).containsExactly("over TLS");
        }
    }

    @Test
    void aCaThatDidNotSignTheServerFailsNamingTls() {
        assertFailsNamingTls(new RedisTls(path(certificates.otherCa()), path(certificates.clientCert()),
                path(certificates.clientKey()), RedisTls.Verify.FULL));
    }

    @Test
    void withoutAClientCertificateTheServerRefusesAndTheStoreSaysTls() {
        assertFailsNamingTls(new RedisTls(path(certificates.caCert()), null, null, RedisTls.Verify.FULL));
    }

    @Test
    void tlsKeysAreReadCheckedTogetherAndNeedARedissUri() {
        RedisStoreConfig config = RedisStoreConfig.from(StoreConfig.of(Map.of("mnemo.redis.uri", server.tlsUri(),
                "mnemo.redis.tls.ca-file", path(certificates.caCert()), "mnemo.redis.tls.cert-file",
                path(certificates.clientCert()), "mnemo.redis.tls.key-file", path(certificates.clientKey()),
                "mnemo.redis.tls.verify", "ca")));
        assertThat(config.tls()).isEqualTo(new RedisTls(path(certificates.caCert()), path(certificates.clientCert()),
                path(certificates.clientKey()), RedisTls.Verify.CA));
        assertThatThrownBy(() -> RedisStoreConfig.from(StoreConfig.of(Map.of("mnemo.redis.uri", server.uri(),
                "mnemo.redis.tls.ca-file", path(certificates.caCert()), "mnemo.redis.tls.cert-file",
                path(certificates.clientCert()), "mnemo.redis.tls.verify", "sometimes"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContainingAll("mnemo.redis.tls.cert-file and mnemo.redis.tls.key-file go together",
                        "mnemo.redis.tls.verify", "sometimes");
        assertThatThrownBy(() -> RedisStoreConfig.builder().uri(server.uri())
                .tls(new RedisTls(path(certificates.caCert()), null, null, RedisTls.Verify.FULL)).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("expected a rediss://");
        assertThatThrownBy(() -> new RedisTls("/no/such/ca.pem", null, null, RedisTls.Verify.FULL))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.redis.tls.ca-file: expected a readable file");
    }

    private static void assertFailsNamingTls(RedisTls tls) {
        try (RedisStore store = store(tls)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> Stages.join(store.getSession(new SessionRef("tls", SessionId.of("s1")))))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("TLS");
            // Bounded by the command timeout (the handshake's too); the margin is for a loaded machine, not a hair trigger.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(5));
        }
    }

    private static RedisStore store(RedisTls tls) {
        return RedisStore.create(RedisStoreConfig.builder().uri(server.tlsUri()).commandTimeout(TIMEOUT).tls(tls).build());
    }

    private static String path(Path file) {
        return file.toString();
    }
}
