package dev.mnemo.spring.boot.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mnemo.JsonCodec;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigKeys;
import dev.mnemo.spi.StoreProvider;
import dev.mnemo.spi.support.KnownKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Spring Boot's configuration metadata ({@code META-INF/spring-configuration-metadata.json}, which
 * IDEs complete {@code application.properties} from) made from the {@link ConfigKeys} of the modules
 * on the class path: for each key its name, Java type, description and default. A key of every tier
 * ({@code mnemo.<tier>.resilience.timeout}) is listed once per tier found on the class path. The
 * starter's build runs {@link #main} after compiling, so the metadata is never a copy kept by hand.
 */
public final class ConfigurationMetadata {

    private ConfigurationMetadata() {
    }

    /**
     * @param args the file to write
     * @throws IOException when it cannot be written
     */
    public static void main(String[] args) throws IOException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<String> tiers = ServiceLoader.load(StoreProvider.class, loader).stream()
                .map(provider -> provider.get().name()).sorted().toList();
        Path file = Path.of(args[0]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JsonCodec.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(of(KnownKeys.discover(loader), tiers)) + "\n");
    }

    /**
     * @param known the declared keys
     * @param tiers the tiers whose keys a per-tier key stands for
     * @return the metadata: a group {@code mnemo} and one property per key, module by module
     */
    public static ObjectNode of(KnownKeys known, List<String> tiers) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.putArray("groups").addObject().put("name", "mnemo")
                .put("description", "Mnemo, tiered conversation memory: the keys its modules declare.");
        ArrayNode properties = metadata.putArray("properties");
        for (ConfigKeys module : known.modules()) {
            for (ConfigKey<?> key : module.keys()) {
                for (ConfigKey<?> concrete : key.perTier() ? tiers.stream().<ConfigKey<?>>map(key::forTier).toList()
                        : List.<ConfigKey<?>>of(key)) {
                    ObjectNode property = properties.addObject().put("name", concrete.name())
                            .put("type", concrete.javaType()).put("description", concrete.description());
                    if (!concrete.defaultText().isEmpty()) {
                        property.put("defaultValue", concrete.defaultText());
                    }
                }
            }
        }
        return metadata;
    }
}
