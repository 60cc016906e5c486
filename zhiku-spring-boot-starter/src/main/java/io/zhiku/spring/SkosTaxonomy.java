package io.zhiku.spring;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.skos.Skos;
import io.zhiku.skos.SkosFormat;
import io.zhiku.skos.SkosOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

/** Sets a knowledge base's taxonomy from a SKOS resource; loaded only when km-skos is on the class path. */
final class SkosTaxonomy {
  private static final Logger LOG = LoggerFactory.getLogger(SkosTaxonomy.class);

  private SkosTaxonomy() {}

  /** Reads the resource and, when it differs from the stored taxonomy, stores it and commits. */
  static void apply(KnowledgeBase kb, Resource resource) {
    String name = resource.getFilename() == null ? "taxonomy.ttl" : resource.getFilename();
    Taxonomy read;
    try (InputStream in = resource.getInputStream()) {
      read = Skos.read(in, SkosFormat.forFileName(Path.of(name)), SkosOptions.DEFAULTS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read zhiku.taxonomy " + resource, e);
    }
    if (read.equals(kb.taxonomy())) {
      LOG.info("taxonomy from {}: {} concepts, as stored", resource, read.size());
      return;
    }
    int before = kb.taxonomy().size();
    kb.setTaxonomy(read);
    kb.commit();
    LOG.info("taxonomy from {}: {} concepts stored (there were {})", resource, read.size(), before);
  }
}
