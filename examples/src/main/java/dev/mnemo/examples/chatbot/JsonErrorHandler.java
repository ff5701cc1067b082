package dev.mnemo.examples.chatbot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's own refusals, such as a malformed request line (400) or headers over
 * {@code mnemo.chatbot.max-header-bytes} (431), in the same JSON as every other error
 * ({@code {"error": "...", "status": N}}) instead of an HTML page, and without internals for a 5xx.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, @Nullable String message,
                                    @Nullable Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    private static byte[] body(int status, @Nullable String message) {
        String text = status >= 500 ? HttpErrors.INTERNAL
                : message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        return ChatJson.error(status, text).toString().getBytes(StandardCharsets.UTF_8);
    }
}
