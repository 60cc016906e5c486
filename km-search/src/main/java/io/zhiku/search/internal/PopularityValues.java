package io.zhiku.search.internal;

import io.zhiku.core.spi.Popularity;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;

/**
 * Each segment's recent uses per document, for one {@link Popularity} snapshot: computed the first time
 * a search meets the segment with that snapshot (one pass over the segment's ids), then read by
 * document number, so the popularity boost costs an array read per hit. Kept until the segment closes
 * or the knowledge base hands over a newer snapshot. Thread-safe.
 */
final class PopularityValues {
  private final String store;
  private final Map<IndexReader.CacheKey, Entry> bySegment = new ConcurrentHashMap<>();

  PopularityValues(String store) {
    this.store = store;
  }

  /** A snapshot and a segment's uses per document under it. */
  private record Entry(Popularity popularity, float[] uses) {}

  /**
   * A segment's uses per document.
   *
   * @param reader the segment
   * @param popularity the snapshot
   * @return uses by document number
   */
  float[] uses(LeafReader reader, Popularity popularity) throws IOException {
    IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
    Entry e = helper == null ? null : bySegment.get(helper.getKey());
    if (e != null && e.popularity() == popularity) {
      return e.uses();
    }
    // Strings are not kept: this pass runs once per segment and snapshot.
    Columns.StringColumn ids = Columns.oneOff(store).string(reader, LuceneSchema.ID);
    float[] uses = new float[reader.maxDoc()];
    for (int doc = 0; doc < uses.length; doc++) {
      String id = ids.get(doc);
      uses[doc] = id == null ? 0 : (float) popularity.uses(id);
    }
    if (helper != null && bySegment.put(helper.getKey(), new Entry(popularity, uses)) == null) {
      helper.addClosedListener(bySegment::remove);
    }
    return uses;
  }
}
