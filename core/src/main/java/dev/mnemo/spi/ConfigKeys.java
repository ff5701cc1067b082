package dev.mnemo.spi;

import java.util.List;

/**
 * The configuration keys of one module, found with {@link java.util.ServiceLoader} (registered in
 * {@code META-INF/services/dev.mnemo.spi.ConfigKeys}): the one declaration that the check of unknown
 * keys ({@link dev.mnemo.spi.support.KnownKeys}), Spring Boot's configuration metadata and the
 * README's key table are made from. A store plugin lists its keys here too, so that they are not
 * refused as unknown.
 */
public interface ConfigKeys {

    /** @return the module's artifact, such as {@code mnemo-store-redis}, as the key table names it */
    String module();

    /** @return every key the module reads, in the order the key table shows them */
    List<ConfigKey<?>> keys();
}
