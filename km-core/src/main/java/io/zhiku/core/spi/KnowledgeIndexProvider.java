package io.zhiku.core.spi;

import java.util.Set;

/**
 * Creates {@link KnowledgeIndex}es; found by {@link java.util.ServiceLoader} under its {@link #name()}
 * (the embedded Lucene engine in {@code io.zhiku:km-search} is {@code "lucene"}). An engine set on the
 * knowledge base builder is used as it is, without discovery.
 *
 * <p>An engine stores both items ({@link #open}) and usage events ({@link #openEvents}); given a
 * directory, it lays out both under it as it sees fit.
 */
public interface KnowledgeIndexProvider {
  /**
   * The name a knowledge base asks for, e.g. {@code "lucene"}.
   *
   * @return the engine's name
   */
  String name();

  /**
   * The types of {@link EngineOption} this engine reads. A knowledge base refuses, before it opens
   * anything, an option of any other type.
   *
   * @return the option types; none by default
   */
  default Set<Class<? extends EngineOption>> optionTypes() {
    return Set.of();
  }

  /**
   * Opens (or creates) an index.
   *
   * @param settings where it lives
   * @return the open index; the caller closes it
   * @throws io.zhiku.core.ZhikuException if it cannot be opened
   */
  KnowledgeIndex open(IndexSettings settings);

  /**
   * Opens (or creates) the store of usage events that goes with the index opened on the same settings.
   *
   * @param settings where it lives
   * @return the open store; the caller closes it
   * @throws io.zhiku.core.ZhikuException if it cannot be opened
   */
  EventStore openEvents(IndexSettings settings);
}
