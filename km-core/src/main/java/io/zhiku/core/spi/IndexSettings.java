package io.zhiku.core.spi;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Immutables;
import io.zhiku.core.kb.ProgressListener;
import io.zhiku.core.search.TextEmbedder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a knowledge base tells an engine when it opens an index and an event store: what the knowledge
 * base decides (where the data lives, the embedder) and the {@link EngineOption}s the host set for this
 * engine. A value: immutable and thread-safe.
 *
 * @param directory where the index keeps its files, or {@code null} for an index held in memory only
 * @param embedder the embedder for semantic ranking, or {@code null} for none; its name and dimensions
 *     were checked by the knowledge base
 * @param options the engine's own options, at most one of each type, in the order set
 * @param progress hears the engine's long work ({@link io.zhiku.core.kb.Progress#REEMBED}); never {@code null}
 */
public record IndexSettings(Path directory, TextEmbedder embedder, List<EngineOption> options, ProgressListener progress) {
  /**
   * Validates and copies.
   *
   * @param directory where the index keeps its files, or {@code null} for an index held in memory only
   * @param embedder the embedder for semantic ranking, or {@code null} for none
   * @param options the engine's own options, at most one of each type; {@code null} is read as none
   * @param progress hears the engine's long work; {@code null} is read as {@link ProgressListener#NONE}
   * @throws ValidationException if an option is {@code null} or two have the same type
   */
  public IndexSettings {
    Map<Class<?>, EngineOption> byType = new LinkedHashMap<>();
    for (EngineOption o : options == null ? List.<EngineOption>of() : options) {
      if (o == null) {
        throw new ValidationException("IndexSettings.options", "null", "an option must not be null");
      }
      if (byType.put(o.getClass(), o) != null) {
        throw new ValidationException("IndexSettings.options", o.getClass().getName(), "at most one option of each type");
      }
    }
    options = Immutables.list(byType.values());
    progress = progress == null ? ProgressListener.NONE : progress;
  }

  /**
   * Settings without a progress listener.
   *
   * @param directory where the index keeps its files, or {@code null} for an index held in memory only
   * @param embedder the embedder for semantic ranking, or {@code null} for none
   * @param options the engine's own options, at most one of each type; {@code null} is read as none
   * @throws ValidationException if an option is {@code null} or two have the same type
   */
  public IndexSettings(Path directory, TextEmbedder embedder, List<EngineOption> options) {
    this(directory, embedder, options, ProgressListener.NONE);
  }

  /**
   * Settings without semantic ranking or engine options.
   *
   * @param directory where the index keeps its files, or {@code null} for memory only
   */
  public IndexSettings(Path directory) {
    this(directory, null, List.of());
  }

  /**
   * Whether the index lives in memory only.
   *
   * @return {@code true} if there is no directory
   */
  public boolean inMemory() {
    return directory == null;
  }

  /**
   * The option of a type, if the host set one.
   *
   * @param type the option's type, as listed in {@link KnowledgeIndexProvider#optionTypes()}
   * @param <T> the option's type
   * @return the option, or empty if none of that type (or a subtype) was set
   */
  public <T extends EngineOption> Optional<T> option(Class<T> type) {
    return options.stream().filter(type::isInstance).map(type::cast).findFirst();
  }
}
