package dev.mnemo.spring.boot;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flattens typed properties into the dotted keys Mnemo reads: each record component is a key,
 * its name in kebab case ({@code maxContentBytes} → {@code max-content-bytes}), nested records
 * below it, unset ({@code null}) values left out. Deriving the keys from the records keeps one
 * list of settings: a property added to {@link MnemoProperties} reaches Mnemo without more code.
 */
final class ConfigKeys {

    private ConfigKeys() {
    }

    /** @return the keys and values of {@code properties} below {@code prefix} */
    static Map<String, String> flatten(String prefix, Record properties) {
        Map<String, String> keys = new LinkedHashMap<>();
        put(keys, prefix, properties);
        return keys;
    }

    private static void put(Map<String, String> keys, String key, Object value) {
        if (value == null) {
            return;
        }
        if (!(value instanceof Record record)) {
            keys.put(key, text(value));
            return;
        }
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            put(keys, key + "." + kebab(component.getName()), read(component, record));
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component + " of " + record.getClass().getName(), e);
        }
    }

    /** Durations as ISO-8601 and enums by name: both forms Mnemo's reader takes. */
    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value instanceof Enum<?> constant ? constant.name() : value.toString();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
