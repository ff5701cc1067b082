package dev.mnemo.it;

import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * What a namespace still holds, read from the servers themselves: every Redis key below
 * {@code mnemo:<ns>:} with its value as text, and every Firestore document below
 * {@code namespaces/<ns>} with its fields. The purge tests list these after a purge.
 */
final class Leftovers implements AutoCloseable {

    private final String namespace;
    private final RedisClient redisClient;
    private final StatefulRedisConnection<String, String> redis;
    private final Firestore firestore;

    Leftovers(Servers servers, String namespace) {
        this.namespace = namespace;
        this.redisClient = RedisClient.create(servers.redis.uri());
        this.redis = redisClient.connect();
        this.firestore = FirestoreOptions.newBuilder().setProjectId(Servers.PROJECT)
                .setEmulatorHost(servers.firestore.host()).build().getService();
    }

    /** @return every key of the namespace, with what it holds as text (a hash or a set as its fields) */
    Map<String, String> redisKeys() {
        Map<String, String> found = new TreeMap<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.sync().scan(cursor, ScanArgs.Builder.matches("mnemo:" + namespace + ":*").limit(500));
            page.getKeys().forEach(key -> found.put(key, content(key)));
            cursor = page;
        } while (!cursor.isFinished());
        return found;
    }

    /** @return every document below the namespace's root, by path, with its fields (absent documents with subcollections included, as {@code null}) */
    Map<String, Map<String, Object>> firestoreDocuments() {
        Map<String, Map<String, Object>> found = new TreeMap<>();
        DocumentReference root = firestore.collection("namespaces").document(namespace);
        walk(root, found);
        return found;
    }

    private void walk(DocumentReference document, Map<String, Map<String, Object>> found) {
        try {
            var snapshot = document.get().get();
            if (snapshot.exists()) {
                found.put(document.getPath(), snapshot.getData());
            }
            for (CollectionReference collection : document.listCollections()) {
                for (DocumentReference child : collection.listDocuments()) {
                    walk(child, found);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private String content(String key) {
        var sync = redis.sync();
        return switch (sync.type(key)) {
            case "string" -> sync.get(key);
            case "hash" -> sync.hgetall(key).toString();
            case "zset" -> sync.zrange(key, 0, -1).toString();
            case "list" -> sync.lrange(key, 0, -1).toString();
            case "set" -> new ArrayList<>(sync.smembers(key)).toString();
            default -> "(gone)";
        };
    }

    @Override
    public void close() throws Exception {
        redis.close();
        redisClient.shutdown();
        firestore.close();
    }

    /** @return the keys and documents in a form an assertion message can quote */
    static String describe(Map<String, ?> found) {
        List<String> lines = new ArrayList<>();
        found.forEach((key, value) -> lines.add(key + " = " + value));
        return String.join("\n", lines);
    }
}
