package dev.mnemo.store.redis.internal;

import dev.mnemo.store.redis.RedisTls;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import java.io.File;
import java.time.Duration;
import java.util.List;

/** Maps {@link RedisTls} onto Lettuce: the trust and key material as {@link SslOptions}, the check as each URI's {@link SslVerifyMode}. */
final class TlsOptions {

    private TlsOptions() {
    }

    /**
     * @param tls     the settings
     * @param timeout the longest a handshake may take: the command timeout, so a server that never
     *                answers it fails as fast as any other call
     * @return the client's TLS options; unused by a {@code redis://} URI
     */
    static SslOptions of(RedisTls tls, Duration timeout) {
        SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider().handshakeTimeout(timeout);
        if (tls.caFile() != null) {
            ssl.trustManager(new File(tls.caFile()));
        }
        if (tls.certFile() != null && tls.keyFile() != null) {
            ssl.keyManager(new File(tls.certFile()), new File(tls.keyFile()), null);
        }
        return ssl.build();
    }

    /** Sets how each URI, and each Sentinel it names, checks the server's certificate. */
    static void verify(List<RedisURI> uris, RedisTls.Verify verify) {
        SslVerifyMode mode = switch (verify) {
            case FULL -> SslVerifyMode.FULL;
            case CA -> SslVerifyMode.CA;
            case NONE -> SslVerifyMode.NONE;
        };
        for (RedisURI uri : uris) {
            uri.setVerifyPeer(mode);
            uri.getSentinels().forEach(sentinel -> sentinel.setVerifyPeer(mode));
        }
    }
}
