package dev.mnemo.spi.support;

/**
 * The quoting of {@link Limits#quote}, apart from everything else so that the id checks ({@link Ids})
 * can use it without depending on Mnemo's domain types.
 */
final class Quoting {

    /** The most characters of a value shown. */
    static final int LENGTH = 64;

    private Quoting() {
    }

    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        int shown = Math.min(value.length(), LENGTH);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('"');
        if (value.length() > shown) {
            quoted.append("... (").append(value.length()).append(" characters)");
        }
        return quoted.toString();
    }
}
