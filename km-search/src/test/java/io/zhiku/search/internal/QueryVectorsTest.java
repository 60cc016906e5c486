package io.zhiku.search.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The kept query vectors: one embedding per text while it is among the most recently used. */
class QueryVectorsTest {
  private final List<String> embedded = new ArrayList<>();
  private final Function<String, float[]> model = t -> {
    embedded.add(t);
    return new float[] {t.length()};
  };

  @Test
  void aTextIsEmbeddedOnce_andTheLeastRecentlyUsedIsDroppedPastTheCapacity() {
    QueryVectors kept = new QueryVectors();
    float[] first = kept.vector("q0", model);
    assertSame(first, kept.vector("q0", model));
    for (int i = 1; i <= QueryVectors.CAPACITY; i++) {
      kept.vector("q" + i, model);
      kept.vector("q0", model); // used again each time: stays
    }
    assertEquals(QueryVectors.CAPACITY + 1, embedded.size(), "each text once");
    kept.vector("q1", model); // the least recently used when q512 came in: dropped, so embedded again
    assertEquals(QueryVectors.CAPACITY + 2, embedded.size());
    kept.vector("q0", model);
    kept.vector("q" + QueryVectors.CAPACITY, model);
    assertEquals(QueryVectors.CAPACITY + 2, embedded.size(), "the recently used are still kept");
  }

  @Test
  void aFailingEmbeddingKeepsNothing() {
    QueryVectors kept = new QueryVectors();
    assertThrows(IllegalStateException.class, () -> kept.vector("bad", t -> {
      throw new IllegalStateException("model down");
    }));
    kept.vector("bad", model);
    assertEquals(List.of("bad"), embedded, "asked again, it is embedded");
  }
}
