package dev.mnemo.tokens;

/**
 * Splits all-ASCII text into exactly the pieces of JTokkit's {@code o200k_base} pre-tokenizer
 * regex, without {@code java.util.regex}:
 *
 * <pre>{@code
 * [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
 * }</pre>
 *
 * <p>In ASCII, with {@code UNICODE_CHARACTER_CLASS}, the letter classes are {@code [A-Z]} and
 * {@code [a-z]} (Lt, Lm, Lo and M are empty), digits are {@code [0-9]}, and {@code \s} is Unicode
 * White_Space: tab, LF, VT, FF, CR and space, but not the separators {@code \x1C-\x1F}. Each
 * alternative below is the regex's, tried in the same order, with its backtracking worked out.
 * Every position starts some alternative, so the pieces cover the text without gaps.
 */
final class O200kAsciiSplitter {

    private static final int UPPER = 1;
    private static final int LOWER = 2;
    private static final int DIGIT = 4;
    private static final int SPACE = 8;
    private static final int NEWLINE = 16;
    /** The class of the position past the end: no class matches it. */
    private static final int END = 32;
    private static final int LETTER = UPPER | LOWER;

    private static final byte[] CLASSES = new byte[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            CLASSES[c] = UPPER;
            CLASSES[c + ('a' - 'A')] = LOWER;
        }
        for (char c = '0'; c <= '9'; c++) {
            CLASSES[c] = DIGIT;
        }
        for (char c : new char[] {'\t', '\u000B', '\f', ' '}) {
            CLASSES[c] = SPACE;
        }
        CLASSES['\n'] = SPACE | NEWLINE;
        CLASSES['\r'] = SPACE | NEWLINE;
    }

    private O200kAsciiSplitter() {
    }

    /**
     * @param text all-ASCII text
     * @param start where the piece starts, below {@code text.length()}
     * @return where the piece that starts at {@code start} ends (exclusive)
     */
    static int pieceEnd(String text, int start) {
        int first = classAt(text, start);
        // Alternatives 1 and 2: an optional [^\r\n\p{L}\p{N}], then upper case, then lower case.
        // Upper and lower case are disjoint in ASCII, so giving back chars never helps.
        int letters = (first & (LETTER | DIGIT | NEWLINE)) == 0 ? start + 1 : start;
        int upperEnd = skip(text, letters, UPPER);
        if ((classAt(text, upperEnd) & LOWER) != 0) {
            return contractionEnd(text, skip(text, upperEnd, LOWER));
        }
        if (upperEnd > letters) {
            return contractionEnd(text, upperEnd);
        }
        // Alternative 3: one to three digits.
        if ((first & DIGIT) != 0) {
            int end = start + 1;
            while (end < start + 3 && (classAt(text, end) & DIGIT) != 0) {
                end++;
            }
            return end;
        }
        // Alternative 4: an optional space, a run of [^\s\p{L}\p{N}], then a run of [\r\n/].
        int symbols = text.charAt(start) == ' ' && isSymbol(classAt(text, start + 1)) ? start + 1 : start;
        if (isSymbol(classAt(text, symbols))) {
            int end = symbols + 1;
            while (isSymbol(classAt(text, end))) {
                end++;
            }
            while (end < text.length() && "\r\n/".indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            return end;
        }
        // Only whitespace is left. Alternative 5: the run up to its last CR or LF.
        int spaceEnd = start;
        int lastNewline = -1;
        for (int c = first; (c & SPACE) != 0; c = classAt(text, ++spaceEnd)) {
            if ((c & NEWLINE) != 0) {
                lastNewline = spaceEnd;
            }
        }
        if (lastNewline >= 0) {
            return lastNewline + 1;
        }
        // Alternative 6: the run, less its last char unless it ends the text. Alternative 7: one char.
        if (spaceEnd == text.length()) {
            return spaceEnd;
        }
        return spaceEnd - 1 > start ? spaceEnd - 1 : start + 1;
    }

    private static int classAt(String text, int index) {
        return index < text.length() ? CLASSES[text.charAt(index)] : END;
    }

    private static boolean isSymbol(int charClass) {
        return (charClass & (LETTER | DIGIT | SPACE | END)) == 0;
    }

    private static int skip(String text, int from, int charClass) {
        int end = from;
        while ((classAt(text, end) & charClass) != 0) {
            end++;
        }
        return end;
    }

    /** @return the end of the optional {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)} at {@code from} */
    private static int contractionEnd(String text, int from) {
        if (from + 1 >= text.length() || text.charAt(from) != '\'') {
            return from;
        }
        // OR-ing 0x20 lowers ASCII letters; no other ASCII char becomes one of the letters below.
        char second = (char) (text.charAt(from + 1) | 0x20);
        if (second == 's' || second == 't' || second == 'm' || second == 'd') {
            return from + 2;
        }
        if (from + 2 < text.length()) {
            char third = (char) (text.charAt(from + 2) | 0x20);
            if (second == 'r' && third == 'e' || second == 'v' && third == 'e' || second == 'l' && third == 'l') {
                return from + 3;
            }
        }
        return from;
    }
}
