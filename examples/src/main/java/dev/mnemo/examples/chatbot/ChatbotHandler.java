package dev.mnemo.examples.chatbot;

import dev.mnemo.spi.support.Stages;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty handler of the chatbot backend. Each request goes through the cheap checks first,
 * on Jetty's thread and without blocking: the bearer token (401), the endpoint (404, 405), the
 * caller's rate (429); then its body is read without holding a thread ({@link BodyReader}: 408,
 * 413); only then does it take one of the worker threads, where {@link Endpoints} blocks on Mnemo
 * and on the model. A request that finds every worker busy and the queue full is answered 503.
 * Every answer is JSON, errors included ({@code {"error": "...", "status": N}}).
 */
final class ChatbotHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ChatbotHandler.class);
    private static final byte[] NO_BODY = new byte[0];
    private static final String REALM = "Bearer realm=\"mnemo-chatbot\"";

    private final BearerTokens tokens;
    private final RateLimiter rates;
    private final BodyReader bodies;
    private final Executor workers;
    private final Endpoints endpoints;

    ChatbotHandler(BearerTokens tokens, RateLimiter rates, BodyReader bodies, Executor workers, Endpoints endpoints) {
        this.tokens = tokens;
        this.rates = rates;
        this.bodies = bodies;
        this.workers = workers;
        this.endpoints = endpoints;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            HttpFields headers = request.getHeaders();
            @Nullable String authorization = headers.get(HttpHeader.AUTHORIZATION);
            String user = tokens.authenticate(authorization).orElseThrow(() -> authorization == null
                    ? new RequestException(401, "Send Authorization: Bearer <token>", Map.of("WWW-Authenticate", REALM))
                    : new RequestException(401, "The bearer token is not valid",
                            Map.of("WWW-Authenticate", REALM + ", error=\"invalid_token\"")));
            Route route = Route.parse(request.getMethod(), request.getHttpURI().getPath());
            long retryAfter = rates.acquire(user);
            if (retryAfter > 0) {
                throw new RequestException(429, "Too many requests; retry in " + retryAfter + " s (mnemo.chatbot.rate-per-minute)",
                        Map.of("Retry-After", Long.toString(retryAfter)));
            }
            @Nullable String idempotencyKey = headers.get("Idempotency-Key");
            CompletableFuture<byte[]> body = route.endpoint().hasBody() ? bodies.read(request)
                    : CompletableFuture.completedFuture(NO_BODY);
            body.whenComplete((bytes, failure) -> {
                if (failure != null) {
                    send(response, callback, failed(request, failure));
                } else {
                    dispatch(request, response, callback, () -> endpoints.serve(route, user, bytes, idempotencyKey));
                }
            });
        } catch (RuntimeException e) {
            send(response, callback, failed(request, e));
        }
        return true;
    }

    /** Runs the endpoint on a worker, or answers 503 at once when none is free and the queue is full. */
    private void dispatch(Request request, Response response, Callback callback, Supplier<Reply> work) {
        try {
            workers.execute(() -> {
                Reply reply;
                try {
                    reply = work.get();
                } catch (RuntimeException e) {
                    reply = failed(request, e);
                } catch (Error e) {
                    callback.failed(e); // Jetty answers 500 or drops the connection: the request never hangs
                    throw e;
                }
                send(response, callback, reply);
            });
        } catch (RejectedExecutionException e) {
            send(response, callback, Reply.failure(new RequestException(503,
                    "The server is busy; retry shortly (mnemo.chatbot.threads, mnemo.chatbot.queue)",
                    Map.of("Retry-After", "1"))));
        }
    }

    private static Reply failed(Request request, Throwable error) {
        Throwable cause = Stages.unwrap(error);
        Reply reply = Reply.failure(cause);
        if (reply.status() == 500) {
            LOG.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), cause);
        } else if (reply.status() >= 502) { // a tier or the model is down: the condition matters, not the stack
            LOG.warn("{} {} answered {}: {}", request.getMethod(), request.getHttpURI().getPath(), reply.status(), cause.toString());
        }
        return reply;
    }

    private static void send(Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        reply.headers().forEach(headers::put);
        response.write(true, ByteBuffer.wrap(ChatJson.bytes(reply.body())), callback);
    }
}
