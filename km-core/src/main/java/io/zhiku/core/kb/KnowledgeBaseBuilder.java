package io.zhiku.core.kb;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.ItemLimits;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.core.spi.EngineOption;
import io.zhiku.core.spi.EventStore;
import io.zhiku.core.spi.IndexSettings;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.KnowledgeIndexProvider;
import io.zhiku.core.taxonomy.Taxonomy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Configures a {@link KnowledgeBase}; from {@link KnowledgeBase#builder()}. Each setting is checked when
 * given; {@link #build()} finds the engine (by name with {@link ServiceLoader}, or the one given) and opens
 * it. Not thread-safe.
 */
public final class KnowledgeBaseBuilder {
  /** The longest event retention: 1,000 years, so that the oldest instant kept is a valid one. */
  private static final Duration MAX_RETENTION = Duration.ofDays(365_250);
  /** The most dimensions of an embedder's vectors (Lucene's limit for indexed vectors). */
  public static final int MAX_EMBEDDING_DIMENSIONS = 4096;
  private Path directory;
  private String engineName = "lucene";
  private KnowledgeIndexProvider engine;
  private ClassLoader classLoader = KnowledgeBase.class.getClassLoader();
  Clock clock = Clock.systemUTC();
  ItemLimits limits = ItemLimits.DEFAULTS;
  CommitPolicy commitPolicy = CommitPolicy.DEFAULT;
  Duration refreshInterval = Duration.ofSeconds(1);
  Taxonomy taxonomy; // null: the stored one
  Duration popularityHalfLife = Duration.ofDays(30);
  boolean recordSearches = true;
  boolean countUsageInBackground;
  Duration eventRetention;
  private TextEmbedder embedder;
  ProgressListener progress = ProgressListener.NONE;
  private final Map<Class<?>, EngineOption> engineOptions = new LinkedHashMap<>();

  KnowledgeBaseBuilder() {}

  /**
   * Ranks search hits by meaning as well as by words: items and query texts are embedded, and a hit's
   * score grows with the similarity of the two (see {@link TextEmbedder}). Items written before the
   * embedder was set, or by an embedder of another name, are re-embedded in the background after the
   * knowledge base opens (on the embedded engine; {@link Progress#REEMBED} reports how far it has come):
   * until it has finished, searches rank by words alone, as without an embedder, and items written
   * meanwhile are embedded as they are written. Off by default.
   *
   * @param e the embedder; its name and dimensions are checked here
   * @return this builder
   * @throws ValidationException if its name is not a token or its dimensions are not 1 to {@value
   *     #MAX_EMBEDDING_DIMENSIONS}
   */
  public KnowledgeBaseBuilder embedder(TextEmbedder e) {
    Checks.present("embedder", e);
    Checks.token("embedder.name", e.name());
    if (e.dimensions() < 1 || e.dimensions() > MAX_EMBEDDING_DIMENSIONS) {
      throw new ValidationException("embedder.dimensions", Integer.toString(e.dimensions()),
          "1 to " + MAX_EMBEDDING_DIMENSIONS);
    }
    this.embedder = e;
    return this;
  }

  /**
   * Hears how far long work has come: reading the item table and the usage counts when the knowledge base
   * opens ({@link Progress#OPEN_ITEMS}, {@link Progress#OPEN_EVENTS}), re-embedding in the background
   * ({@link Progress#REEMBED}). See {@link ProgressListener} for the threads and rates it is called at.
   *
   * @param listener the listener; {@link ProgressListener#NONE} by default
   * @return this builder
   * @throws ValidationException if it is missing
   */
  public KnowledgeBaseBuilder progressListener(ProgressListener listener) {
    this.progress = Checks.present("progressListener", listener);
    return this;
  }

  /**
   * How fast an item's use fades in the search ranking's popularity boost: a view counts half as much
   * after one half-life (reuses, clicks, accepted pushes and good ratings alike).
   *
   * @param halfLife from one hour to 100 years; 30 days by default
   * @return this builder
   * @throws ValidationException if it is missing or out of range
   */
  public KnowledgeBaseBuilder popularityHalfLife(Duration halfLife) {
    if (halfLife == null || halfLife.compareTo(Duration.ofHours(1)) < 0 || halfLife.compareTo(MAX_RETENTION.dividedBy(10)) > 0) {
      throw new ValidationException("popularityHalfLife", halfLife, "must be from one hour to " + MAX_RETENTION.dividedBy(10).toDays()
          + " days (100 years)");
    }
    this.popularityHalfLife = halfLife;
    return this;
  }

  /**
   * Whether opening counts the stored usage events for the search ranking's popularity boost on a
   * background thread ({@code zhiku-usage-count}), so that {@link #build()} returns once the item table is
   * read: over 50M events the count takes most of a minute. Until it has finished ({@link
   * Progress#OPEN_EVENTS} reports {@link Progress#finished()}), searches answer as they would with no
   * usage yet (every match, access checked as always, ranked without the popularity boost); events
   * recorded meanwhile are counted as they are recorded, each once, and count as soon as it has finished.
   * Engines shared with other knowledge bases (SolrCloud) count on the opening thread whatever this says.
   * Closing the knowledge base stops the count.
   *
   * @param background whether to count in the background (default no: {@link #build()} returns with the
   *     boost complete)
   * @return this builder
   */
  public KnowledgeBaseBuilder countUsageInBackground(boolean background) {
    this.countUsageInBackground = background;
    return this;
  }

  /**
   * @param record whether searches with text are recorded as search events (default yes)
   * @return this builder
   */
  public KnowledgeBaseBuilder recordSearches(boolean record) {
    this.recordSearches = record;
    return this;
  }

  /**
   * Deletes usage events older than this at each commit; by default events are kept for ever.
   *
   * @param retention from one day to 1,000 years
   * @return this builder
   * @throws ValidationException if the retention is missing or out of range
   */
  public KnowledgeBaseBuilder eventRetention(Duration retention) {
    if (retention == null || retention.compareTo(Duration.ofDays(1)) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
      throw new ValidationException("eventRetention", retention, "must be from one day to " + MAX_RETENTION.toDays() + " days (1,000 years)");
    }
    this.eventRetention = retention;
    return this;
  }

  /**
   * @param dir where the data lives; without one, the knowledge base is held in memory
   * @return this builder
   */
  public KnowledgeBaseBuilder directory(Path dir) {
    this.directory = Checks.present("directory", dir);
    return this;
  }

  /**
   * @param name the engine to find with {@link ServiceLoader}, e.g. {@code "lucene"}
   * @return this builder
   */
  public KnowledgeBaseBuilder engine(String name) {
    this.engineName = Checks.token("engine", name);
    return this;
  }

  /**
   * @param provider an engine to use as it is, without discovery
   * @return this builder
   */
  public KnowledgeBaseBuilder engine(KnowledgeIndexProvider provider) {
    this.engine = Checks.present("engine", provider);
    return this;
  }

  /**
   * Sets an option of the engine's own (a cluster address, credentials): see the engine's documentation
   * for the types it reads. A second option of the same type replaces the first.
   *
   * @param option the option
   * @return this builder
   * @throws ValidationException if it is {@code null}; an option the engine does not read is refused by
   *     {@link #build()}, which knows the engine
   */
  public KnowledgeBaseBuilder engineOption(EngineOption option) {
    Checks.present("engineOption", option);
    engineOptions.put(option.getClass(), option);
    return this;
  }

  /**
   * @param loader the class loader engines are discovered in
   * @return this builder
   */
  public KnowledgeBaseBuilder classLoader(ClassLoader loader) {
    this.classLoader = Checks.present("classLoader", loader);
    return this;
  }

  /**
   * @param c the clock for item timestamps and commit timing
   * @return this builder
   */
  public KnowledgeBaseBuilder clock(Clock c) {
    this.clock = Checks.present("clock", c);
    return this;
  }

  /**
   * @param l the limits every stored item must meet
   * @return this builder
   */
  public KnowledgeBaseBuilder itemLimits(ItemLimits l) {
    this.limits = Checks.present("itemLimits", l);
    return this;
  }

  /**
   * @param p when to commit on its own
   * @return this builder
   */
  public KnowledgeBaseBuilder commitPolicy(CommitPolicy p) {
    this.commitPolicy = Checks.present("commitPolicy", p);
    return this;
  }

  /**
   * How soon changes become visible to search without an explicit {@link KnowledgeBase#refresh()}.
   *
   * @param interval at most 1 minute; {@link Duration#ZERO} for explicit refreshes only
   * @return this builder
   */
  public KnowledgeBaseBuilder refreshInterval(Duration interval) {
    if (interval == null || interval.isNegative() || interval.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new ValidationException("refreshInterval", interval, "must be between 0 and 1 minute");
    }
    this.refreshInterval = interval;
    return this;
  }

  /**
   * The taxonomy to open with. It is stored with the items, so a knowledge base reopened on the same
   * directory without this setting has the taxonomy it last committed. When set, this taxonomy wins over
   * the stored one, replaces it (durable with the first commit, as {@link KnowledgeBase#setTaxonomy}
   * would), and nothing is re-classified: items keep their concept ids.
   *
   * @param t the taxonomy; without this setting, the stored one, or an empty one for a new store
   * @return this builder
   */
  public KnowledgeBaseBuilder taxonomy(Taxonomy t) {
    this.taxonomy = Checks.present("taxonomy", t);
    return this;
  }

  /**
   * Opens the knowledge base.
   *
   * @return the open knowledge base; close it when done
   * @throws ZhikuException if no engine of the configured name is found (the message names the Maven
   *     artifact to add) or the engine cannot open the data
   * @throws ValidationException if an {@linkplain #engineOption engine option} is of a type the engine
   *     does not read (nothing is opened then)
   */
  public KnowledgeBase build() {
    long started = System.nanoTime();
    KnowledgeIndexProvider provider = engine != null ? engine : discover();
    Set<Class<? extends EngineOption>> reads = provider.optionTypes();
    for (EngineOption o : engineOptions.values()) {
      if (reads.stream().noneMatch(t -> t.isInstance(o))) {
        throw new ValidationException("engineOption", o.getClass().getName(), "engine \"" + provider.name()
            + "\" reads only options of the types " + reads.stream().map(Class::getName).sorted().toList());
      }
    }
    IndexSettings settings = new IndexSettings(directory, embedder, List.copyOf(engineOptions.values()), progress);
    KnowledgeIndex index = provider.open(settings);
    EventStore events;
    try {
      events = provider.openEvents(settings);
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
    try {
      return new KnowledgeBase(this, provider.name() + (directory == null ? "" : " in " + directory), index, events, started);
    } catch (RuntimeException e) {
      try (KnowledgeIndex i = index; EventStore s = events) {
        throw e;
      }
    }
  }

  private KnowledgeIndexProvider discover() {
    List<String> found = new ArrayList<>();
    for (KnowledgeIndexProvider p : ServiceLoader.load(KnowledgeIndexProvider.class, classLoader)) {
      if (p.name().equals(engineName)) {
        return p;
      }
      found.add(p.name());
    }
    String artifact = engineName.equals("lucene") ? "io.zhiku:km-search" : "the artifact that provides it";
    throw new ZhikuException("no knowledge-base engine named \"" + engineName + "\" was found (found: " + found
        + "); add the Maven dependency " + artifact + " to the application");
  }
}
