package dev.mnemo.springai;

import dev.mnemo.InvalidInputException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;

/**
 * Spring AI {@link Media} as JSON metadata, and back: one object per item with its
 * {@code mimeType}, {@code name}, {@code id} (when set) and {@code data}, which is the bytes in
 * base64 ({@code "encoding": "base64"}), a URL ({@code "url"}) or text such as a URI or a data
 * URL ({@code "text"}), as Spring AI held it.
 *
 * <p>Bytes are stored inline with the message: a tier's per-message limit (Firestore: 1 MiB)
 * counts them, so large media are better passed by URL.
 */
final class MediaJson {

    private MediaJson() {
    }

    /** @return the JSON form of {@code media} */
    static List<Map<String, Object>> write(List<Media> media) {
        List<Map<String, Object>> items = new ArrayList<>(media.size());
        for (Media item : media) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("mimeType", item.getMimeType().toString());
            json.put("name", item.getName());
            if (item.getId() != null) {
                json.put("id", item.getId());
            }
            Object data = item.getData();
            if (data instanceof byte[] bytes) {
                json.put("encoding", "base64");
                json.put("data", Base64.getEncoder().encodeToString(bytes));
            } else {
                json.put("encoding", data instanceof URL ? "url" : "text");
                json.put("data", data.toString());
            }
            items.add(json);
        }
        return items;
    }

    /**
     * @param json what {@link #write(List)} stored, or {@code null}
     * @return the media, none for {@code null}
     * @throws InvalidInputException when the stored value is not media as written here
     */
    static List<Media> read(Object json) {
        if (json == null) {
            return List.of();
        }
        if (!(json instanceof List<?> items)) {
            throw new InvalidInputException("Metadata " + StoredMetadata.MEDIA + " is not a list: " + json);
        }
        List<Media> media = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> fields)) {
                throw new InvalidInputException("Metadata " + StoredMetadata.MEDIA + " holds a non-object: " + item);
            }
            media.add(read(fields));
        }
        return media;
    }

    private static Media read(Map<?, ?> fields) {
        String data = String.valueOf(fields.get("data"));
        Media.Builder builder = Media.builder()
                .mimeType(MimeTypeUtils.parseMimeType(String.valueOf(fields.get("mimeType"))))
                .name(String.valueOf(fields.get("name")));
        if (fields.get("id") != null) {
            builder.id(fields.get("id").toString());
        }
        Object encoding = fields.get("encoding");
        try {
            if ("base64".equals(encoding)) {
                return builder.data(Base64.getDecoder().decode(data)).build();
            }
            return "url".equals(encoding) ? builder.data(URI.create(data).toURL()).build() : builder.data(data).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new InvalidInputException("Metadata " + StoredMetadata.MEDIA + " holds bad " + encoding + " data", e);
        }
    }
}
