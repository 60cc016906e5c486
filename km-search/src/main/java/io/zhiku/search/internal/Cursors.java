package io.zhiku.search.internal;

import io.zhiku.core.ValidationException;
import io.zhiku.core.search.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * Search-after cursors: the last hit's sort value (score or update time) and id, and the time the
 * search's scores used; opaque to callers. A relevance cursor past a search's meaning window ({@link
 * MeaningWindow}) holds the hit's score by words alone and says so: the pages after it continue in the
 * words' order.
 */
final class Cursors {
  /**
   * Where the next page starts, and the time the first page scored with.
   *
   * @param after the last hit's sort values
   * @param nowMillis the time the first page scored with
   * @param pastMeaning whether the last hit lay past the meaning window (its score is then the words')
   */
  record Position(FieldDoc after, long nowMillis, boolean pastMeaning) {}

  private Cursors() {}

  static String encode(FieldDoc last, long nowMillis, boolean pastMeaning) {
    Object first = last.fields[0];
    String value = first instanceof Float score ? (pastMeaning ? "w" : "s") + Integer.toHexString(Float.floatToIntBits(score))
        : "t" + Long.toHexString((Long) first);
    String id = ((BytesRef) last.fields[1]).utf8ToString();
    String raw = value + ":" + Long.toHexString(nowMillis) + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Position decode(String cursor, SearchRequest.Order order) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int first = raw.indexOf(':');
      int second = raw.indexOf(':', first + 1);
      char kind = raw.charAt(0);
      boolean newest = order == SearchRequest.Order.NEWEST;
      if (newest ? kind != 't' : kind != 's' && kind != 'w') {
        throw new IllegalArgumentException("a cursor of another order");
      }
      String hex = raw.substring(1, first);
      long now = Long.parseUnsignedLong(raw.substring(first + 1, second), 16);
      BytesRef id = new BytesRef(raw.substring(second + 1));
      FieldDoc after;
      if (kind != 't') {
        float score = Float.intBitsToFloat(Integer.parseUnsignedInt(hex, 16));
        after = new FieldDoc(Integer.MAX_VALUE, score, new Object[] {score, id});
      } else {
        after = new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[] {Long.parseUnsignedLong(hex, 16), id});
      }
      return new Position(after, now, kind == 'w');
    } catch (RuntimeException e) {
      throw new ValidationException("SearchRequest.after", cursor, "is not a cursor this knowledge base issued for this order");
    }
  }
}
