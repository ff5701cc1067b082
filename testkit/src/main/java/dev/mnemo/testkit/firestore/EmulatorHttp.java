package dev.mnemo.testkit.firestore;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The emulator's own HTTP endpoints: its health check and the delete of a project's documents. */
final class EmulatorHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private EmulatorHttp() {
    }

    /** @return whether {@code GET /} on {@code host} answers {@code Ok} */
    static boolean answersOk(String host) {
        try {
            HttpResponse<String> response = CLIENT.send(
                    HttpRequest.newBuilder(URI.create("http://" + host + "/")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().strip().equals("Ok");
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Deletes every document of {@code projectId}'s default database.
     *
     * @throws IllegalStateException when the emulator does not answer 200
     */
    static void clear(String host, String projectId) {
        URI uri = URI.create("http://" + host + "/emulator/v1/projects/" + URLEncoder.encode(projectId, StandardCharsets.UTF_8)
                + "/databases/(default)/documents");
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Clearing the Firestore emulator failed: DELETE " + uri + " answered "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Clearing the Firestore emulator failed: DELETE " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while clearing the Firestore emulator", e);
        }
    }
}
