package dev.mnemo.spi.support;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigKeys;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every configuration key the modules on the class path declare ({@link ConfigKeys}), and the check
 * a configuration passes before anything is built from it: each {@code mnemo.*} key it sets (as a
 * dotted name or an environment variable {@code MNEMO_*}) must be declared, and each value must be
 * one its key takes. Every problem is reported at once, an unknown key with the nearest declared
 * one: {@code mnemo.redis.urii: unknown key; did you mean mnemo.redis.uri?}.
 */
public final class KnownKeys {

    private static final Logger LOG = LoggerFactory.getLogger(KnownKeys.class);
    private static final String PREFIX = "mnemo.";
    private static final String ENV_PREFIX = "MNEMO_";

    private final List<ConfigKeys> modules;
    private final List<ConfigKey<?>> keys;

    private KnownKeys(List<ConfigKeys> modules) {
        this.modules = List.copyOf(modules);
        this.keys = modules.stream().flatMap(module -> module.keys().stream()).toList();
    }

    /**
     * @param loader where to look for {@link ConfigKeys}; a module whose declaration cannot be loaded
     *               is logged and left out, so its keys count as unknown
     * @return the keys of every module found
     */
    public static KnownKeys discover(ClassLoader loader) {
        List<ConfigKeys> found = new ArrayList<>();
        var iterator = ServiceLoader.load(ConfigKeys.class, loader).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("Mnemo: a module's configuration keys could not be loaded; its keys count as unknown: {}",
                        e.toString());
            }
        }
        found.sort(Comparator.comparing(ConfigKeys::module));
        return new KnownKeys(found);
    }

    /** @return the keys of {@code modules} */
    public static KnownKeys of(List<ConfigKeys> modules) {
        return new KnownKeys(modules);
    }

    /** @return the modules, by name */
    public List<ConfigKeys> modules() {
        return modules;
    }

    /** @return the declared key that {@code key} (a dotted name or an environment variable) sets, if any */
    public Optional<ConfigKey<?>> find(String key) {
        boolean environment = key.startsWith(ENV_PREFIX);
        return keys.stream().filter(declared -> environment ? environmentPattern(declared).matcher(key).matches()
                : declared.matches(key)).findFirst();
    }

    /**
     * @return every problem of {@code config}: keys set below {@code mnemo.} that no module declares,
     *         and values their key does not take; empty when there is none
     */
    public List<String> problems(StoreConfig config) {
        List<String> problems = new ArrayList<>();
        ConfigReader reader = config.reader();
        for (ConfigKey<?> key : keys) {
            if (!key.perTier()) {
                reader.get(key);
            }
        }
        for (String set : config.keys().stream().sorted().toList()) {
            if (!set.startsWith(PREFIX) && !set.startsWith(ENV_PREFIX)) {
                continue;
            }
            Optional<ConfigKey<?>> declared = find(set);
            if (declared.isEmpty()) {
                problems.add(Limits.quote(set) + ": unknown key" + suggestion(set).map(near -> "; did you mean " + near + "?")
                        .orElse(""));
            } else if (declared.get().perTier()) {
                reader.get(declared.get().forTier(tierOf(declared.get(), set)));
            }
        }
        problems.addAll(0, reader.problems());
        return problems;
    }

    /**
     * @throws InvalidInputException listing every problem of {@code config} at once, when there is any
     * @see #problems(StoreConfig)
     */
    public void validate(StoreConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("configuration", problems);
        }
    }

    /** @return the declared name nearest to {@code unknown}, when one is near enough to be a typo of it */
    public Optional<String> suggestion(String unknown) {
        boolean environment = unknown.startsWith(ENV_PREFIX);
        String probe = environment ? unknown.toLowerCase(Locale.ROOT).replace('_', '.') : unknown;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey<?> key : keys) {
            String candidate = concrete(key, probe);
            String name = environment ? candidate.replace('-', '.') : candidate;
            int distance = distance(probe, name);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(3, probe.length() / 4) ? Optional.of(best) : Optional.empty();
    }

    /**
     * @return every declared key as a Markdown table (key, default, meaning), module by module: the
     *         README's key table, which a test holds equal to this
     */
    public String markdownTable() {
        StringBuilder table = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (ConfigKeys module : modules) {
            for (ConfigKey<?> key : module.keys()) {
                String fallback = key.defaultText().isEmpty() ? "none" : "`" + key.defaultText() + "`";
                table.append("| `").append(key.name()).append("` | ").append(fallback).append(" | ")
                        .append(key.description().replace("|", "\\|")).append(" |\n");
            }
        }
        return table.toString();
    }

    /** @return the key's name, its {@value ConfigKey#TIER} segment taken from {@code probe} where they line up */
    private static String concrete(ConfigKey<?> key, String probe) {
        if (!key.perTier()) {
            return key.name();
        }
        String[] parts = key.name().split("\\.");
        String[] probed = probe.split("\\.");
        for (int i = 0; i < parts.length && i < probed.length; i++) {
            if (parts[i].equals(ConfigKey.TIER)) {
                parts[i] = probed[i];
            }
        }
        return String.join(".", parts);
    }

    private static String tierOf(ConfigKey<?> key, String set) {
        if (!set.startsWith(ENV_PREFIX)) {
            return key.tierOf(set);
        }
        var matcher = environmentPattern(key).matcher(set);
        matcher.matches();
        return matcher.group(1).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Pattern environmentPattern(ConfigKey<?> key) {
        String[] parts = key.environmentName().split("<TIER>", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            regex.append("([A-Z0-9_]+)").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    /** Levenshtein distance: the fewest one-character edits that turn {@code a} into {@code b}. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
