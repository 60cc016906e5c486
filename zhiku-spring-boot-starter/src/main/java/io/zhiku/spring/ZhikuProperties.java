package io.zhiku.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The {@code zhiku.*} properties the starter configures a knowledge base from. Spring binds them once at
 * start-up; not for use after that.
 */
@ConfigurationProperties(prefix = "zhiku")
public class ZhikuProperties {
  /**
   * Where the knowledge base keeps its files; created if missing. Unset: the knowledge base lives in memory
   * and is lost at shutdown (for tests and trials; a warning says so).
   */
  private Path directory;

  /** The engine, e.g. "lucene" (the embedded default) or "solr" (with a SolrConnection from a ZhikuBuilderCustomizer). */
  private String engine;

  /** How often new writes become visible to searches (default 1 s). */
  private Duration refreshInterval;

  /**
   * A taxonomy in SKOS (Turtle .ttl or RDF/XML .rdf), e.g. classpath:taxonomy.ttl: it replaces the stored
   * taxonomy at start-up when they differ. Needs km-skos.
   */
  private Resource taxonomy;

  /** Count usage events for the popularity boost in the background, so that a large knowledge base answers sooner. */
  private boolean countUsageInBackground;

  private final Commit commit = new Commit();
  private final Push push = new Push();
  private final Metrics metrics = new Metrics();

  /** @return where the files are, or {@code null} for memory */
  public Path getDirectory() {
    return directory;
  }

  /** @param directory where the files are, or {@code null} for memory */
  public void setDirectory(Path directory) {
    this.directory = directory;
  }

  /** @return the engine's name, or {@code null} for the default */
  public String getEngine() {
    return engine;
  }

  /** @param engine the engine's name */
  public void setEngine(String engine) {
    this.engine = engine;
  }

  /** @return the refresh interval, or {@code null} for the default */
  public Duration getRefreshInterval() {
    return refreshInterval;
  }

  /** @param refreshInterval the refresh interval */
  public void setRefreshInterval(Duration refreshInterval) {
    this.refreshInterval = refreshInterval;
  }

  /** @return the SKOS resource, or {@code null} */
  public Resource getTaxonomy() {
    return taxonomy;
  }

  /** @param taxonomy the SKOS resource */
  public void setTaxonomy(Resource taxonomy) {
    this.taxonomy = taxonomy;
  }

  /** @return whether usage is counted in the background */
  public boolean isCountUsageInBackground() {
    return countUsageInBackground;
  }

  /** @param countUsageInBackground whether usage is counted in the background */
  public void setCountUsageInBackground(boolean countUsageInBackground) {
    this.countUsageInBackground = countUsageInBackground;
  }

  /** @return the commit policy's properties */
  public Commit getCommit() {
    return commit;
  }

  /** @return push's properties */
  public Push getPush() {
    return push;
  }

  /** @return the KPI metrics' properties */
  public Metrics getMetrics() {
    return metrics;
  }

  /** {@code zhiku.commit.*}: when writes are made durable. Unset, the library's default (1,000 changes or 5 s). */
  public static class Commit {
    /** Commit after this many changes. */
    private Integer maxChanges;

    /** Commit at the latest this long after the first uncommitted change. */
    private Duration maxDelay;

    /** @return the most changes before a commit, or {@code null} */
    public Integer getMaxChanges() {
      return maxChanges;
    }

    /** @param maxChanges the most changes before a commit */
    public void setMaxChanges(Integer maxChanges) {
      this.maxChanges = maxChanges;
    }

    /** @return the longest delay before a commit, or {@code null} */
    public Duration getMaxDelay() {
      return maxDelay;
    }

    /** @param maxDelay the longest delay before a commit */
    public void setMaxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
    }
  }

  /** {@code zhiku.push.*}: push, configured when km-push is on the class path. */
  public static class Push {
    /** Whether to configure push (default true when km-push is present). */
    private boolean enabled = true;

    /** Curated push rules as JSON (the form PushRules.toJson writes), e.g. classpath:push-rules.json. */
    private Resource rules;

    /** @return whether push is configured */
    public boolean isEnabled() {
      return enabled;
    }

    /** @param enabled whether push is configured */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** @return the rules' resource, or {@code null} */
    public Resource getRules() {
      return rules;
    }

    /** @param rules the rules' resource */
    public void setRules(Resource rules) {
      this.rules = rules;
    }
  }

  /** {@code zhiku.metrics.*}: the KPI engine, configured when km-metrics is on the class path. */
  public static class Metrics {
    /** Where months and quarters begin, e.g. Asia/Shanghai (default UTC). */
    private ZoneId zone;

    /** @return the zone, or {@code null} for UTC */
    public ZoneId getZone() {
      return zone;
    }

    /** @param zone the zone */
    public void setZone(ZoneId zone) {
      this.zone = zone;
    }
  }
}
