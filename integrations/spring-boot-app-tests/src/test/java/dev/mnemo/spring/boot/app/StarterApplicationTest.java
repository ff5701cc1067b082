package dev.mnemo.spring.boot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mnemo.AppendResult;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.testkit.redis.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter in a Spring Boot application on Boot's own versions, served over HTTP on a random
 * loopback port, with a real Redis as the hot tier and the memory tier as the fallback: what a load
 * balancer, a dashboard and an operator read at {@code /actuator/health}, {@code /actuator/mnemo} and
 * {@code /actuator/metrics}, before and after Redis dies. The tests run in order: the last kills Redis.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StarterApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final SessionId ID = SessionId.of("boot-app");

    private static RedisServer redis;
    private static ConfigurableApplicationContext app;
    private static String base;

    /** The application: nothing but Boot's and Mnemo's auto-configuration. */
    @SpringBootApplication
    static class Application {
    }

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        app = new SpringApplicationBuilder(Application.class).properties(
                "server.address=127.0.0.1", "server.port=0",
                "management.endpoints.web.exposure.include=health,mnemo,metrics",
                "management.endpoint.health.show-details=always",
                "mnemo.tiers=redis,memory", "mnemo.redis.uri=" + redis.uri()).run();
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** @return the JSON body of a GET of {@code path}, which must answer 200 */
    private static JsonNode ok(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** @return the value of a meter's statistic read through {@code /actuator/metrics/<name>?tag=...} */
    private static double metric(String name, String statistic, String... tags) throws Exception {
        StringBuilder path = new StringBuilder("/actuator/metrics/" + name);
        for (int i = 0; i < tags.length; i++) {
            path.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
        }
        JsonNode meter = ok(path.toString());
        for (JsonNode measurement : meter.get("measurements")) {
            if (measurement.get("statistic").asText().equals(statistic)) {
                return measurement.get("value").asDouble();
            }
        }
        throw new AssertionError(path + " has no " + statistic + ": " + meter);
    }

    @Test
    @Order(1)
    void whileEveryTierAnswersTheHealthIsUpWithEachTierInTheDetails() throws Exception {
        JsonNode health = ok("/actuator/health");

        assertThat(health.get("status").asText()).isEqualTo("UP");
        JsonNode mnemo = health.at("/components/mnemo");
        assertThat(mnemo.get("status").asText()).isEqualTo("UP");
        assertThat(mnemo.at("/details/tiers/redis/role").asText()).isEqualTo("hot");
        assertThat(mnemo.at("/details/tiers/redis/breaker").asText()).isEqualTo("CLOSED");
        assertThat(mnemo.at("/details/tiers/redis/up").asBoolean()).isTrue();
        assertThat(mnemo.at("/details/tiers/memory/role").asText()).isEqualTo("fallback");
        assertThat(mnemo.at("/details/journal").has("waitingHere")).isTrue();
    }

    @Test
    @Order(2)
    void appendsTurnsAndContextReadsAreMeteredAndReadThroughTheMetricsEndpoint() throws Exception {
        BlockingMnemo memory = app.getBean(Mnemo.class).blocking();
        memory.openSession(ID, "ada");
        memory.append(ID, Message.system("You are terse."), Message.user("Hi"));
        memory.turn(ID, List.of(Message.user("Still there?")), ContextPolicy.lastMessages(10));
        memory.context(ID, ContextPolicy.lastMessages(10));
        memory.health(); // the status and journal gauges show the latest report

        assertThat(metric("mnemo.calls", "COUNT", "operation:append", "exception:none")).isEqualTo(1);
        assertThat(metric("mnemo.calls", "COUNT", "operation:turn")).isEqualTo(1);
        assertThat(metric("mnemo.calls", "COUNT", "operation:context")).isEqualTo(1);
        assertThat(metric("mnemo.tier.calls", "COUNT", "tier:redis", "outcome:answered")).isPositive();
        assertThat(metric("mnemo.tier.calls", "TOTAL_TIME", "tier:redis")).isPositive();
        assertThat(metric("mnemo.tier.breaker.state", "VALUE", "tier:redis")).isZero();
        assertThat(metric("mnemo.status", "VALUE")).isZero();
        assertThat(metric("mnemo.journal.sessions", "VALUE")).isZero();
        assertThat(metric("mnemo.journal.oldest.age", "VALUE")).isZero();
        assertThat(metric("mnemo.journal.poisoned", "VALUE")).isZero();
    }

    @Test
    @Order(3)
    void theMnemoEndpointReportsTheStatusTiersBreakersAndJournal() throws Exception {
        JsonNode report = ok("/actuator/mnemo");

        assertThat(report.get("status").asText()).isEqualTo("UP");
        assertThat(report.get("namespace").asText()).isEqualTo("default");
        assertThat(report.at("/tiers/redis/breaker").asText()).isEqualTo("CLOSED");
        assertThat(report.at("/tiers/redis/latencyMs").isNumber()).isTrue();
        assertThat(report.get("journal").fieldNames()).toIterable().contains("waitingHere", "heldOnlyHere", "poisoned",
                "corruptReads", "sharedSessions", "oldestPendingMs");
    }

    @Test
    @Order(4)
    void whenRedisDiesTheInstanceStillServesAndItsHealthAnswers200Degraded() throws Exception {
        redis.kill();

        AppendResult served = app.getBean(Mnemo.class).blocking().append(ID, Message.user("Redis is gone"));
        assertThat(served.degraded()).as("answered by the memory tier").isTrue();

        JsonNode health = ok("/actuator/health"); // 200: an instance that still serves stays in
        assertThat(health.get("status").asText()).as("the aggregate shows Mnemo's status").isEqualTo("DEGRADED");
        assertThat(health.at("/components/mnemo/status").asText()).isEqualTo("DEGRADED");
        assertThat(health.at("/components/mnemo/details/tiers/redis/up").asBoolean()).isFalse();
        assertThat(health.at("/components/mnemo/details/tiers/memory/up").asBoolean()).isTrue();

        assertThat(ok("/actuator/mnemo").get("status").asText()).isEqualTo("DEGRADED");
        assertThat(metric("mnemo.status", "VALUE")).isEqualTo(1);
        assertThat(metric("mnemo.calls", "COUNT", "operation:append", "exception:none")).isEqualTo(2);
    }
}
