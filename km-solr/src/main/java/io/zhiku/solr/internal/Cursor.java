package io.zhiku.solr.internal;

import io.zhiku.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page starts: Solr's cursor mark (by text score, or newest first), or, in popularity
 * order, the last hit's final score and id; how many hits the earlier pages held; and the time the first
 * page scored with. Opaque to callers.
 */
record Cursor(Kind kind, long nowMillis, long read, String mark, float score, String id) {
  /** The order a cursor walks. */
  enum Kind {
    /** Newest first, by Solr's cursor mark. */
    NEWEST("n"),
    /** By text score times the ranking factor without popularity, by Solr's cursor mark. */
    SCORE("s"),
    /** By that score times popularity, re-ranked here: after a final score and id. */
    POPULAR("p");

    private final String code;

    Kind(String code) {
      this.code = code;
    }
  }

  /** A cursor at Solr's cursor mark. */
  static Cursor at(boolean newest, long nowMillis, long read, String mark) {
    return new Cursor(newest ? Kind.NEWEST : Kind.SCORE, nowMillis, read, mark, 0, "");
  }

  /** A cursor after a hit in popularity order. */
  static Cursor after(long nowMillis, long read, float score, String id) {
    return new Cursor(Kind.POPULAR, nowMillis, read, "", score, id);
  }

  String encode() {
    String last = kind == Kind.POPULAR ? Integer.toHexString(Float.floatToIntBits(score)) + ":" + id : mark;
    String raw = kind.code + ":" + Long.toHexString(nowMillis) + ":" + Long.toHexString(read) + ":" + last;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String cursor, boolean newest) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 4);
      if (parts.length != 4 || parts[3].isEmpty()) {
        throw invalid(cursor);
      }
      long now = Long.parseUnsignedLong(parts[1], 16);
      long read = Long.parseUnsignedLong(parts[2], 16);
      if (newest ? parts[0].equals("n") : parts[0].equals("s")) {
        return at(newest, now, read, parts[3]);
      }
      int colon = parts[3].indexOf(':');
      if (newest || !parts[0].equals("p") || colon < 1 || colon == parts[3].length() - 1) {
        throw invalid(cursor);
      }
      float score = Float.intBitsToFloat(Integer.parseUnsignedInt(parts[3].substring(0, colon), 16));
      return after(now, read, score, parts[3].substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw invalid(cursor);
    }
  }

  static ValidationException invalid(String cursor) {
    return new ValidationException("SearchRequest.after", cursor, "is not a cursor this knowledge base issued for this order");
  }
}
