package org.fastdjl.text.transform;

import java.util.List;

/**
 * Writes a token list as one line of JSON exactly as Python's {@code json.dumps(tokens, ensure_ascii=False)}
 * does ({@code ["xxbos", "xxmaj", "great"]}), so token files compare byte for byte with fastai's.
 */
public final class TokenJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TokenJson() {
    }

    /**
     * The JSON array of {@code tokens}: {@code ", "} between items, non-ASCII characters as they are, quotes,
     * backslashes and control characters escaped.
     *
     * @param tokens the tokens
     * @return one line of JSON, without a line break
     */
    public static String toJson(List<String> tokens) {
        StringBuilder sb = new StringBuilder(tokens.size() * 8 + 2);
        sb.append('[');
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            appendString(sb, tokens.get(i));
        }
        return sb.append(']').toString();
    }

    private static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
