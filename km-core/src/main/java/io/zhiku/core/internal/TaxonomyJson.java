package io.zhiku.core.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.zhiku.core.StorageException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.json.ZhikuJson;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A taxonomy as engines store it beside the items: JSON of its schemes and concepts in the order they were
 * added, with a format version. Read with Zhiku's hardened settings, except for a document limit of 1 GiB
 * (a stored taxonomy of two million concepts takes a few hundred megabytes). Stateless and thread-safe.
 */
public final class TaxonomyJson {
  /** The format written. */
  public static final int FORMAT = 1;
  private static final JsonMapper MAPPER = mapper();

  private TaxonomyJson() {}

  private static JsonMapper mapper() {
    JsonMapper m = ZhikuJson.newMapper();
    StreamReadConstraints base = m.getFactory().streamReadConstraints();
    m.getFactory().setStreamReadConstraints(base.rebuild().maxDocumentLength(1L << 30).build());
    return m;
  }

  /** What is stored. */
  record Stored(int format, List<ConceptScheme> schemes, List<Concept> concepts) {}

  /**
   * Writes a taxonomy.
   *
   * @param taxonomy the taxonomy
   * @return its stored form, UTF-8 JSON
   * @throws ZhikuException if it cannot be written
   */
  public static byte[] write(Taxonomy taxonomy) {
    try {
      return MAPPER.writeValueAsBytes(new Stored(FORMAT, new ArrayList<>(taxonomy.schemes()), new ArrayList<>(taxonomy.concepts())));
    } catch (IOException e) {
      throw new ZhikuException("cannot write the taxonomy as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a stored taxonomy.
   *
   * @param json its stored form
   * @param where what holds it, for the message
   * @return the taxonomy
   * @throws StorageException if it is damaged
   * @throws ZhikuException if it is of an unknown format (written by a newer version)
   */
  public static Taxonomy read(byte[] json, String where) {
    Stored stored;
    try {
      stored = MAPPER.readValue(json, Stored.class);
    } catch (IOException | RuntimeException e) {
      throw new StorageException("the taxonomy stored in " + where + " cannot be read: " + e.getMessage(), e);
    }
    if (stored == null || stored.format() != FORMAT) {
      throw new ZhikuException("the taxonomy stored in " + where + " has format " + (stored == null ? null : stored.format())
          + "; this version reads format " + FORMAT);
    }
    Taxonomy.Builder b = Taxonomy.builder();
    stored.schemes().forEach(b::scheme);
    stored.concepts().forEach(b::concept);
    return b.build();
  }
}
