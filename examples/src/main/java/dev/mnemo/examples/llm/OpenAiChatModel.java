package dev.mnemo.examples.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.context.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ChatModel} that calls an OpenAI-compatible chat-completions endpoint
 * ({@code POST {baseUrl}/chat/completions}) with the JDK's {@link HttpClient}: OpenAI itself, or
 * any server that speaks the same API (vLLM, Ollama, LM Studio, a gateway). It sends the context
 * as {@code messages} and no tools, so it suits a plain chatbot; the answer's metadata carries
 * the model's name and, when the server reports usage, {@code tokensIn} and {@code tokensOut}.
 * Thread-safe.
 */
public final class OpenAiChatModel implements ChatModel {

    /** The base URL used when only an API key is configured. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    /** The model asked for when {@code OPENAI_MODEL} is not set. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    /** How long one answer may take: 60 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUOTED_BODY_CHARS = 300;

    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param baseUrl the API's base, such as {@value #DEFAULT_BASE_URL} or {@code http://localhost:11434/v1}
     * @param apiKey  sent as a bearer token; {@code null} sends none (local servers)
     * @param model   the model to ask for
     */
    public OpenAiChatModel(URI baseUrl, String apiKey, String model) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        this.endpoint = URI.create(base.endsWith("/") ? base + "chat/completions" : base + "/chat/completions");
        this.apiKey = apiKey;
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * The model the environment configures: {@code OPENAI_BASE_URL} (default
     * {@value #DEFAULT_BASE_URL}), {@code OPENAI_API_KEY} (default none) and {@code OPENAI_MODEL}
     * (default {@value #DEFAULT_MODEL}).
     *
     * @param environment the variables, such as {@link System#getenv()}
     * @return the model, or empty when neither a base URL nor an API key is set
     */
    public static Optional<OpenAiChatModel> fromEnvironment(Map<String, String> environment) {
        String base = set(environment.get("OPENAI_BASE_URL"));
        String key = set(environment.get("OPENAI_API_KEY"));
        if (base == null && key == null) {
            return Optional.empty();
        }
        String model = set(environment.get("OPENAI_MODEL"));
        return Optional.of(new OpenAiChatModel(URI.create(base != null ? base : DEFAULT_BASE_URL), key,
                model != null ? model : DEFAULT_MODEL));
    }

    /** @return the model asked for */
    public String model() {
        return model;
    }

    /** @return the URL requests are posted to */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public Message reply(Context context) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        body.set("messages", context.toOpenAiMessages());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(DEFAULT_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ChatModelException("No answer from " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatModelException("Interrupted while waiting for " + endpoint, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ChatModelException(endpoint + " answered " + response.statusCode() + ": " + quote(response.body()));
        }
        return answer(response.body());
    }

    private Message answer(String text) {
        JsonNode reply;
        try {
            reply = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ChatModelException(endpoint + " sent malformed JSON: " + quote(text), e);
        }
        JsonNode content = reply.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            throw new ChatModelException(endpoint + " sent no message content: " + quote(text));
        }
        Message.Builder answer = Message.builder(Role.ASSISTANT).content(content.asText())
                .metadata("model", reply.path("model").asText(model));
        JsonNode usage = reply.path("usage");
        if (usage.path("prompt_tokens").isInt() && usage.path("completion_tokens").isInt()) {
            answer.metadata("tokensIn", usage.get("prompt_tokens").asInt())
                    .metadata("tokensOut", usage.get("completion_tokens").asInt());
        }
        return answer.build();
    }

    private static String quote(String body) {
        return body.length() <= QUOTED_BODY_CHARS ? body : body.substring(0, QUOTED_BODY_CHARS) + "...";
    }

    private static String set(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
