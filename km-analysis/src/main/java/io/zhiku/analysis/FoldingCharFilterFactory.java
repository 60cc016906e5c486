package io.zhiku.analysis;

import java.io.Reader;
import java.util.Map;
import org.apache.lucene.analysis.CharFilterFactory;

/**
 * Zhiku's folding as a Lucene analysis factory, under the SPI name {@value #NAME}: case and
 * compatibility forms folded (NFKC with case folding, so full-width letters and digits become
 * half-width), then traditional Chinese folded to simplified, with offsets corrected. Every text
 * analyzer of {@link TextAnalyzers} starts with it; a Solr schema that loads this jar declares the same
 * chain with {@code <charFilter name="zhikuFolding"/>} and standard Lucene factories (see km-solr).
 *
 * <p>Takes no arguments. Thread-safe: the factory holds no state; each reader it creates is used by one
 * thread.
 */
public final class FoldingCharFilterFactory extends CharFilterFactory {
  /** The SPI name: {@code <charFilter name="zhikuFolding"/>} in a Solr schema. */
  public static final String NAME = "zhikuFolding";

  /**
   * Creates the factory, as the SPI loader does.
   *
   * @param args the factory's arguments: none are accepted
   * @throws IllegalArgumentException if any argument is given
   */
  public FoldingCharFilterFactory(Map<String, String> args) {
    super(args);
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("zhikuFolding takes no arguments; got " + args.keySet());
    }
  }

  /**
   * The no-argument constructor the SPI loader needs to find the factory's name; not for use.
   *
   * @deprecated only for {@link java.util.ServiceLoader}
   */
  @Deprecated
  public FoldingCharFilterFactory() {
    throw defaultCtorException();
  }

  @Override
  public Reader create(Reader input) {
    return ChineseFolding.fold(input);
  }

  @Override
  public Reader normalize(Reader input) {
    return ChineseFolding.fold(input);
  }
}
