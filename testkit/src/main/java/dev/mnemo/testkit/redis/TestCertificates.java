package dev.mnemo.testkit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Certificates for TLS tests, made by the machine's {@code openssl} in a temporary directory: a
 * self-signed CA, a server certificate it signed for {@code localhost} and {@code 127.0.0.1}, a
 * client certificate it signed (for mutual TLS), and a second, unrelated CA that trusts none of
 * them. Keys are EC P-256 in unencrypted PKCS#8 PEM, as Netty and Redis both read them.
 *
 * @param directory  where the files are
 * @param caCert     the CA's certificate (PEM), the trust anchor of the server and the client
 * @param serverCert the server's certificate (PEM)
 * @param serverKey  the server's key
 * @param clientCert the client's certificate (PEM)
 * @param clientKey  the client's key
 * @param otherCa    a CA that signed none of these: trusting it alone must fail
 */
public record TestCertificates(Path directory, Path caCert, Path serverCert, Path serverKey, Path clientCert,
                               Path clientKey, Path otherCa) {

    /**
     * @return fresh certificates, valid for a day
     * @throws IllegalStateException when {@code openssl} is missing (the message says how to install it) or fails
     */
    public static TestCertificates create() {
        try {
            Path dir = Files.createTempDirectory("mnemo-tls-");
            Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n", StandardCharsets.UTF_8);
            selfSigned(dir, "ca", "mnemo test CA");
            selfSigned(dir, "other-ca", "another CA");
            signed(dir, "server", "localhost", "server.ext");
            signed(dir, "client", "mnemo client", null);
            return new TestCertificates(dir, dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"),
                    dir.resolve("client.crt"), dir.resolve("client.key"), dir.resolve("other-ca.crt"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make test certificates", e);
        }
    }

    private static void selfSigned(Path dir, String name, String subject) {
        key(dir, name);
        openssl(dir, "req", "-x509", "-new", "-key", name + ".key", "-days", "1", "-subj", "/CN=" + subject,
                "-out", name + ".crt");
    }

    private static void signed(Path dir, String name, String subject, @Nullable String extensions) {
        key(dir, name);
        openssl(dir, "req", "-new", "-key", name + ".key", "-subj", "/CN=" + subject, "-out", name + ".csr");
        List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey",
                "ca.key", "-CAcreateserial", "-days", "1", "-out", name + ".crt"));
        if (extensions != null) {
            sign.addAll(List.of("-extfile", extensions));
        }
        openssl(dir, sign.toArray(String[]::new));
    }

    private static void key(Path dir, String name) {
        openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
    }

    private static void openssl(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("openssl could not be run (" + e.getMessage() + "). Install it with: "
                    + "sudo apt-get install -y openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running openssl", e);
        }
    }
}
