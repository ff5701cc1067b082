package dev.mnemo.examples.chatbot;

import dev.mnemo.InvalidInputException;
import dev.mnemo.SessionId;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.StoreConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The callers the chatbot backend knows: bearer tokens, each mapped to the user id it stands for.
 * A request names its user only through {@code Authorization: Bearer <token>}; nothing in a
 * request body can. Read with {@link #from(StoreConfig)} from either or both of:
 * <ul>
 *   <li>{@code mnemo.chatbot.tokens} ({@code MNEMO_CHATBOT_TOKENS}): {@code user=token} entries
 *       separated by commas, such as {@code ada=6bI0...,grace=Qm9v...};</li>
 *   <li>{@code mnemo.chatbot.tokens-file} ({@code MNEMO_CHATBOT_TOKENS_FILE}): a file of
 *       {@code user=token} lines (blank lines and lines starting with {@code #} are skipped),
 *       readable by the server's account only.</li>
 * </ul>
 * A user may hold several tokens (several entries), so a token can be rotated without downtime.
 * A token is at least {@value #MIN_TOKEN_LENGTH} characters of {@code [A-Za-z0-9-._~+/]}, then
 * {@code =} padding (the RFC 6750 form); {@link #generate()} mints one. Only a SHA-256 digest of
 * each token is kept, and no message, log line or exception holds a token, nor any other value of
 * an entry that could be one: a bad entry is named by its source and position.
 */
public final class BearerTokens {

    /** The shortest token accepted: a short token could be guessed. */
    public static final int MIN_TOKEN_LENGTH = 32;
    /** {@code mnemo.chatbot.tokens}: the inline entries; secret, its values are never shown. */
    public static final ConfigKey<String> TOKENS = ConfigKey.string("mnemo.chatbot.tokens", null,
            "the chatbot example's bearer tokens: user=token entries, comma-separated").secret()
            .describedDefault("none: a demo token, valid until the server stops");
    /** {@code mnemo.chatbot.tokens-file}: a file of entries. */
    public static final ConfigKey<String> TOKENS_FILE = ConfigKey.string("mnemo.chatbot.tokens-file", null,
            "a file of user=token lines (# starts a comment) for the chatbot example, readable by its account only");
    /** The keys of the tokens. */
    public static final List<ConfigKey<?>> KEYS = List.of(TOKENS, TOKENS_FILE);

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer +");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> usersByDigest;

    private BearerTokens(Map<String, String> usersByDigest) {
        this.usersByDigest = Map.copyOf(usersByDigest);
    }

    /**
     * @param tokensByUser one token per user id
     * @return the tokens
     * @throws InvalidInputException naming every bad entry at once
     */
    public static BearerTokens of(Map<String, String> tokensByUser) {
        Entries entries = new Entries();
        int[] position = {0};
        new TreeMap<>(tokensByUser).forEach((user, token) -> entries.add(user, token, "entry " + ++position[0] + " of the map"));
        return entries.build();
    }

    /**
     * @param config where {@link #TOKENS} and {@link #TOKENS_FILE} are read
     * @return the tokens both name; none when neither is set
     * @throws InvalidInputException naming every bad entry (by its source and position) at once
     */
    public static BearerTokens from(StoreConfig config) {
        Entries entries = new Entries();
        ConfigReader reader = config.reader();
        String inline = reader.get(TOKENS);
        if (inline != null) {
            String[] pairs = inline.split(",");
            for (int i = 0; i < pairs.length; i++) {
                entries.add(pairs[i], TOKENS.name() + ", entry " + (i + 1));
            }
        }
        String file = reader.get(TOKENS_FILE);
        if (file != null) {
            Path path = Path.of(file);
            try {
                List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).trim();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        entries.add(line, TOKENS_FILE.name() + " " + path + ", line " + (i + 1));
                    }
                }
            } catch (IOException e) {
                entries.problems.add(TOKENS_FILE.name() + " " + path + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        return entries.build();
    }

    /** @return a new random token: 256 bits as 43 characters of URL-safe base64 */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @param authorization the request's {@code Authorization} header, or {@code null} when it has none
     * @return the user id of the bearer token it carries; empty when there is none, it is not a
     *         bearer token, or the token is unknown
     */
    public Optional<String> authenticate(@Nullable String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher scheme = BEARER.matcher(authorization);
        if (!scheme.lookingAt()) {
            return Optional.empty();
        }
        // Looked up by digest: the time an answer takes tells nothing about how close a guess was.
        return Optional.ofNullable(usersByDigest.get(digest(authorization.substring(scheme.end()).trim())));
    }

    /** @return whether no token is known, so that nobody can call */
    public boolean isEmpty() {
        return usersByDigest.isEmpty();
    }

    /** @return the user ids that hold a token, sorted */
    public Set<String> users() {
        return new TreeSet<>(usersByDigest.values());
    }

    /** Counts the tokens and users; never shows a token. */
    @Override
    public String toString() {
        return "BearerTokens[" + usersByDigest.size() + " tokens of " + users().size() + " users]";
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Entries as they are read, and what is wrong with them, named by position only. */
    private static final class Entries {
        private final Map<String, String> usersByDigest = new HashMap<>();
        private final List<String> problems = new ArrayList<>();

        void add(String entry, String where) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                problems.add(where + ": not user=token");
            } else {
                add(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim(), where);
            }
        }

        void add(String user, String token, String where) {
            if (!validUserId(user)) {
                problems.add(where + ": the user id is not 1-" + SessionId.MAX_LENGTH + " characters of [A-Za-z0-9._:-]");
            } else if (token.length() < MIN_TOKEN_LENGTH || !TOKEN.matcher(token).matches()) {
                problems.add(where + ": the token is not " + MIN_TOKEN_LENGTH
                        + " or more characters of [A-Za-z0-9-._~+/] (make one with: openssl rand -base64 32)");
            } else if (!user.equals(usersByDigest.getOrDefault(digest(token), user))) {
                problems.add(where + ": the token is another user's too");
            } else {
                usersByDigest.put(digest(token), user);
            }
        }

        /** Mnemo's own rule; its message quotes the value, which here could be a token written the wrong way round. */
        private static boolean validUserId(String user) {
            try {
                SessionRef.checkUserId(user);
                return true;
            } catch (InvalidInputException e) {
                return false;
            }
        }

        BearerTokens build() {
            if (!problems.isEmpty()) {
                throw InvalidInputException.of("bearer tokens", problems);
            }
            return new BearerTokens(usersByDigest);
        }
    }
}
