package dev.mnemo.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.StateDelta;
import dev.mnemo.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code mnemo} tool as an operator runs it: its runnable jar in a process of its own, against
 * the real Redis and Firestore emulator, configured with a properties file. A user's data is
 * exported, purged and imported back, twice; the exit codes are the documented ones.
 */
class CliTest {

    private static final Path JAR = Path.of("..", "cli", "target", "mnemo-cli.jar");

    @RegisterExtension
    static final Servers servers = new Servers();
    @TempDir
    Path dir;

    private final String namespace = Servers.namespace("cli");

    @Test
    void aUsersDataGoesOutAndBackInWithTheSameReadsAndScriptableExitCodes() throws Exception {
        Path config = config();
        SessionId chat = SessionId.of("chat-1");
        SessionId done = SessionId.of("chat-2");
        List<Message> sent = new ArrayList<>();
        try (Mnemo mnemo = servers.mnemo(namespace, WriteMode.WRITE_THROUGH)) {
            BlockingMnemo memory = mnemo.blocking();
            memory.openSession(chat, "ada", Map.of("channel", "web"));
            sent.addAll(List.of(Message.system("You help."), Message.user("Where is my order?"), Message.assistant("On its way.")));
            memory.append(chat, sent);
            memory.updateState(chat, StateDelta.builder().set("step", 3).set("user:language", "fr").build());
            memory.openSession(done, "ada");
            memory.append(done, Message.user("thanks"));
            memory.endSession(done, "resolved", "agent-7");
        }

        Run sessions = run(config, "sessions", "ada");
        assertThat(sessions.code()).isZero();
        assertThat(sessions.out()).as(sessions.err()).contains("chat-1\tACTIVE\t3", "chat-2\tENDED\t1");

        Path export = dir.resolve("ada.jsonl");
        Run exported = run(config, "export", "--user", "ada", "-o", export.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(exported.err()).contains("exported 2 sessions, 4 messages");
        assertThat(Files.readAllLines(export)).hasSize(1 + 2 + 4 + 1 + 1); // header, sessions, messages, state, user state

        assertThat(run(config, "purge-user", "ada").code()).as("a purge needs --yes").isEqualTo(2);
        assertThat(run(config, "purge-user", "ada", "--yes").out()).contains("purged\tada\t2 sessions");
        assertThat(run(config, "inspect", "chat-1").code()).as("gone").isEqualTo(3);

        for (int pass = 1; pass <= 2; pass++) {
            Run imported = run(config, "import", "-i", export.toString());
            assertThat(imported.code()).as(imported.err()).isZero();
            Run inspect = run(config, "inspect", "chat-1", "--messages", "10");
            assertThat(inspect.code()).isZero();
            assertThat(inspect.out()).as("pass %d", pass).contains("user\tada", "messages\t3", "state\tstep\t3",
                    "state\tuser:language\tfr", "\"Where is my order?\"", "metadata\t{channel=web}");
            assertThat(inspect.out().lines().filter(line -> line.startsWith("message\t"))).as("pass %d", pass).hasSize(3);
        }
        assertThat(run(config, "inspect", "chat-2").out()).contains("status\tENDED", "end\tresolved by agent-7");

        Run journal = run(config, "journal");
        assertThat(journal.code()).isZero();
        assertThat(journal.out()).contains("session\tpending\tpoisoned\tchanges\toldest");
        Run health = run(config, "health");
        assertThat(health.code()).as(health.out()).isZero();
        assertThat(health.out()).contains("status\tUP", "tier\tredis\thot\tup", "tier\tfirestore\tdurable\tup");

        Run typo = run(config, "health", "--set", "mnemo.redis.urii=redis://nowhere");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("did you mean mnemo.redis.uri?");
    }

    private Path config() throws IOException {
        Properties properties = new Properties();
        properties.putAll(servers.config(namespace, WriteMode.WRITE_THROUGH, Map.of()));
        Path file = dir.resolve("mnemo.properties");
        try (var out = Files.newBufferedWriter(file)) {
            properties.store(out, "the test's servers");
        }
        return file;
    }

    /** What a run of the tool printed, and its exit code. */
    private record Run(int code, String out, String err) {
    }

    private Run run(Path config, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString())); // a short-lived tool: quick start over peak speed
        command.addAll(List.of(args));
        command.addAll(List.of("--config", config.toString()));
        try {
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("mnemo " + String.join(" ", args) + " did not end within 90 s");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
