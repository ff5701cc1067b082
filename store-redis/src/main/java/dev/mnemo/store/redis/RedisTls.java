package dev.mnemo.store.redis;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigReader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The TLS settings of a {@link RedisStore} that a {@code rediss://} (or {@code rediss-sentinel://})
 * URI connects with: whom to trust, the client certificate for mutual TLS, and how much of the
 * server's certificate to check. Immutable; part of {@link RedisStoreConfig}, whose key list
 * declares these keys too. Every file is read when the store connects, not before.
 *
 * @param caFile   {@link #CA_FILE}: a PEM bundle of the certificate authorities to trust; {@code null}
 *                 (the default) for the JVM's default trust store
 * @param certFile {@link #CERT_FILE}: the client's PEM certificate chain for mutual TLS; {@code null}
 *                 (the default) for none; set together with {@code keyFile}
 * @param keyFile  {@link #KEY_FILE}: the client's private key, unencrypted PKCS#8 PEM
 *                 ({@code -----BEGIN PRIVATE KEY-----}); {@code null} (the default) for none
 * @param verify   {@link #VERIFY}: how the server's certificate is checked, default {@link Verify#FULL}
 */
public record RedisTls(@Nullable String caFile, @Nullable String certFile, @Nullable String keyFile, Verify verify) {

    /** {@code mnemo.redis.tls.ca-file}: the certificate authorities to trust. */
    public static final ConfigKey<String> CA_FILE = ConfigKey.string("mnemo.redis.tls.ca-file", null,
            "a PEM bundle of the certificate authorities a rediss:// server's certificate must chain to")
            .check(RedisTls::fileProblem).describedDefault("the JVM's trust store");
    /** {@code mnemo.redis.tls.cert-file}: the client certificate for mutual TLS. */
    public static final ConfigKey<String> CERT_FILE = ConfigKey.string("mnemo.redis.tls.cert-file", null,
            "the client's PEM certificate chain for mutual TLS (tls-auth-clients yes), with key-file")
            .check(RedisTls::fileProblem);
    /** {@code mnemo.redis.tls.key-file}: the client certificate's private key. */
    public static final ConfigKey<String> KEY_FILE = ConfigKey.string("mnemo.redis.tls.key-file", null,
            "the client certificate's private key, unencrypted PKCS#8 PEM, with cert-file")
            .check(RedisTls::fileProblem);
    /** {@code mnemo.redis.tls.verify}: how much of the server's certificate is checked. */
    public static final ConfigKey<Verify> VERIFY = ConfigKey.enumValue("mnemo.redis.tls.verify", Verify.FULL,
            "full (the chain and the host name), ca (the chain only) or none (no check: tests only)");
    /** The keys of these settings, in the order of the key table. */
    public static final List<ConfigKey<?>> KEYS = List.of(CA_FILE, CERT_FILE, KEY_FILE, VERIFY);
    /** The defaults: the JVM's trust store, no client certificate, full verification (after the keys, which it checks with). */
    public static final RedisTls DEFAULTS = new RedisTls(null, null, null, Verify.FULL);

    /** How the server's certificate is checked. */
    public enum Verify {
        /** Its chain up to a trusted authority, and that it names the host connected to. */
        FULL,
        /** Its chain only: for servers reached by an address their certificate does not name. */
        CA,
        /** Nothing: the connection is encrypted but anyone may be at the other end. */
        NONE
    }

    /** Checks each value and that a client certificate comes with its key; the message names the key. */
    public RedisTls {
        VERIFY.require(verify);
        if (caFile != null) {
            CA_FILE.require(caFile);
        }
        if (certFile != null) {
            CERT_FILE.require(certFile);
        }
        if (keyFile != null) {
            KEY_FILE.require(keyFile);
        }
        String pair = pairProblem(certFile, keyFile);
        if (pair != null) {
            throw new InvalidInputException(pair);
        }
    }

    /** @return whether anything differs from the defaults, which a plain {@code redis://} URI could not use */
    public boolean isSet() {
        return !equals(DEFAULTS);
    }

    /** Reads the settings; a bad value, or a certificate without its key, is reported to {@code reader}. */
    static RedisTls from(ConfigReader reader) {
        String caFile = reader.get(CA_FILE);
        String certFile = reader.get(CERT_FILE);
        String keyFile = reader.get(KEY_FILE);
        Verify verify = reader.get(VERIFY);
        String pair = pairProblem(certFile, keyFile);
        if (pair != null) {
            reader.reject(certFile == null ? CERT_FILE : KEY_FILE, pair);
            return DEFAULTS;
        }
        return new RedisTls(caFile, certFile, keyFile, verify);
    }

    private static @Nullable String pairProblem(@Nullable String certFile, @Nullable String keyFile) {
        return (certFile == null) == (keyFile == null) ? null
                : CERT_FILE.name() + " and " + KEY_FILE.name() + " go together: the client certificate and its key";
    }

    private static @Nullable String fileProblem(String file) {
        try {
            return Files.isReadable(Path.of(file)) ? null : "expected a readable file, was '" + file + "'";
        } catch (InvalidPathException e) {
            return "expected a file path, was '" + file + "'";
        }
    }
}
