package io.zhiku.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.kb.OperationStats;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What the binders share: a snapshot of some stats read at most {@value KnowledgeBaseMetrics#MAX_AGE_MILLIS}
 * ms ago (the last one once the source is closed), and the meters over it. The meters hold the measured
 * object weakly, as Micrometer does. Thread-safe.
 *
 * @param <O> the measured object (a knowledge base, push)
 * @param <S> its stats
 */
final class Meters<O, S> {
  private final O source;
  private final Function<O, S> read;
  private final S none;
  private final Tags tags;
  private volatile Snapshot<S> last;

  private record Snapshot<S>(long atNanos, S stats) {}

  /**
   * @param source the measured object
   * @param read how to read its stats; a {@link ZhikuException} means it is closed
   * @param none the stats before any could be read
   * @param tags the tags every meter carries
   */
  Meters(O source, Function<O, S> read, S none, Tags tags) {
    this.source = source;
    this.read = read;
    this.none = none;
    this.tags = tags;
  }

  /** The stats, at most {@link KnowledgeBaseMetrics#MAX_AGE_MILLIS} old; the last ones once closed. */
  S stats() {
    Snapshot<S> s = last;
    long now = System.nanoTime();
    if (s != null && now - s.atNanos() < TimeUnit.MILLISECONDS.toNanos(KnowledgeBaseMetrics.MAX_AGE_MILLIS)) {
      return s.stats();
    }
    try {
      s = new Snapshot<>(now, read.apply(source));
      last = s;
      return s.stats();
    } catch (ZhikuException closed) {
      return s != null ? s.stats() : none;
    }
  }

  /**
   * Registers {@code zhiku.operations}, {@code .failures} and {@code .max} for one kind of operation. Their
   * descriptions are the same for every binder, as registries that export them (Prometheus) want.
   */
  void operation(MeterRegistry registry, String operation, Function<S, OperationStats> part) {
    Tags t = tags.and("operation", operation);
    FunctionTimer.builder("zhiku.operations", source, o -> part.apply(stats()).count(),
            o -> part.apply(stats()).total().toNanos(), TimeUnit.NANOSECONDS)
        .tags(t).description("Zhiku calls and their total time, by operation").register(registry);
    FunctionCounter.builder("zhiku.operations.failures", source, o -> part.apply(stats()).failures())
        .tags(t).description("Zhiku calls that threw, by operation").register(registry);
    TimeGauge.builder("zhiku.operations.max", source, TimeUnit.NANOSECONDS, o -> part.apply(stats()).max().toNanos())
        .tags(t).description("The longest Zhiku call since it opened, by operation").register(registry);
  }

  /** Registers a gauge over the stats. */
  void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<S> value) {
    Gauge.builder(name, source, o -> value.applyAsDouble(stats())).tags(tags).description(description).register(registry);
  }

  /** Registers a function counter over the stats. */
  void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<S> value) {
    FunctionCounter.builder(name, source, o -> value.applyAsDouble(stats())).tags(tags).description(description)
        .register(registry);
  }
}
