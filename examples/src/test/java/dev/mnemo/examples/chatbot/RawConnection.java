package dev.mnemo.examples.chatbot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A TCP connection to the server that writes HTTP by hand, as slowly or as wrongly as a test needs. */
final class RawConnection implements AutoCloseable {

    private final Socket socket;

    RawConnection(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) ChatbotClient.CALL_TIMEOUT.toMillis());
    }

    /** Writes {@code text} as it is, and flushes it. */
    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** @return the request line and headers of a request up to the empty line that ends them */
    static String head(String method, String path, String token, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /**
     * Reads everything the server sends until it closes the connection.
     *
     * @return what it sent
     * @throws SocketTimeoutException when it keeps the connection open past the call timeout
     */
    String readToClose() throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (e instanceof SocketTimeoutException || received.size() == 0) {
                throw e;
            }
            // reset after the answer: the server closed with our bytes still unread, as it should
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** @return the status line of the response, read without waiting for the rest */
    String statusLine() throws IOException {
        StringBuilder line = new StringBuilder();
        InputStream in = socket.getInputStream();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString().trim();
    }

    /** @return whether the server holds the connection open and silent: nothing to read, and no end of stream */
    boolean isWaiting(Duration wait) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout((int) wait.toMillis());
        try {
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
