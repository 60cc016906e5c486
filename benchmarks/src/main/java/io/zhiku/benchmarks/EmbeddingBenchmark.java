package io.zhiku.benchmarks;

import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.embed.BundledEmbedders;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * km-embed's bundled models on one calling thread: the time to embed a search's text (here an item's
 * title, a short question) and an item as the engine embeds it on a write (title, tags and the first 1,000
 * characters of the body; here a generated 1 KB body), Chinese with {@link BundledEmbedders#chinese()} and
 * English with {@link BundledEmbedders#english()}. Texts cycle through 500 generated items ({@link
 * Corpus}), so no two consecutive calls embed the same text. Items per second on one thread = 1,000 / the
 * item time in ms. ONNX Runtime may use more than one core inside one call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(2)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class EmbeddingBenchmark {
  /** The language, and with it the model. */
  @Param({"zh", "en"})
  public String language;

  /** A search's text (the title) or an item (title and body). */
  @Param({"query", "item"})
  public String text;

  private List<String> texts;
  private TextEmbedder embedder;
  private int next;

  /** Generates the texts and loads the model. */
  @Setup(Level.Trial)
  public void setUp() {
    List<KnowledgeItem> items = Corpus.items(500, language, 1024, 100, 50, 42);
    texts = items.stream().map(i -> text.equals("query") ? i.title() : i.title() + "\n" + i.body()).toList();
    embedder = language.equals("zh") ? BundledEmbedders.chinese() : BundledEmbedders.english();
  }

  /**
   * Embeds the next text.
   *
   * @return the vector
   */
  @Benchmark
  public float[] embed() {
    String t = texts.get(next);
    next = (next + 1) % texts.size();
    return embedder.embed(t);
  }
}
