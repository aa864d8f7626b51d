package io.optiinfra.e2e.security.input;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The characters no text of a request may carry (SPEC §5: control characters, lone surrogates, invalid UTF-8), each
 * put at the first, a middle and the last position of a valid value: a check that only scans from index 1, or stops
 * one short of the end (a lone high surrogate has no successor there), is caught by one of the three.
 */
enum BadCharacter {
    NUL("NUL byte", "\u0000", "%00"),
    CONTROL("control character U+0007", "\u0007", "%07"),
    /** In JSON the escape {@code \ud800} (Jackson would not write one); in a URL its UTF-8-style bytes, invalid UTF-8. */
    LONE_SURROGATE("lone surrogate", BadCharacter.LONE_SURROGATE_MARKER, "%ED%A0%80");

    /** Replaced in the serialized body by the escape Jackson refuses to write (see {@link #jsonEscaped}). */
    static final String LONE_SURROGATE_MARKER = "__lone_surrogate__";

    enum Position { FIRST, MIDDLE, LAST }

    private final String label;
    private final String text;
    private final String percentEncoded;

    BadCharacter(String label, String text, String percentEncoded) {
        this.label = label;
        this.text = text;
        this.percentEncoded = percentEncoded;
    }

    /** E.g. "NUL byte at the first position". */
    String describe(Position position) {
        return label + " at the " + position.name().toLowerCase() + " position";
    }

    /** The valid value with this character inserted (body text; the surrogate as its marker). */
    String in(String valid, Position position) {
        int at = index(valid, position);
        return valid.substring(0, at) + text + valid.substring(at);
    }

    /** The valid value, percent-encoded, with this character's raw encoding inserted (path and query values). */
    String encodedIn(String valid, Position position) {
        int at = index(valid, position);
        return encode(valid.substring(0, at)) + percentEncoded + encode(valid.substring(at));
    }

    /** A serialized body with the markers turned into the JSON escape of a lone surrogate. */
    static String jsonEscaped(String json) {
        return json.replace(LONE_SURROGATE_MARKER, "\\ud800");
    }

    private static int index(String valid, Position position) {
        return switch (position) {
            case FIRST -> 0;
            case MIDDLE -> valid.length() / 2;
            case LAST -> valid.length();
        };
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
