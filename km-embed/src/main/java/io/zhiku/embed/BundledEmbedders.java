package io.zhiku.embed;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import io.zhiku.core.search.TextEmbedder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding models Zhiku bundles, each a {@link TextEmbedder} to pass to {@link
 * io.zhiku.core.kb.KnowledgeBaseBuilder#embedder}: BAAI's bge-small v1.5 models, quantized to 8 bits, run
 * in-process on ONNX Runtime through LangChain4j. The model files ship inside the Maven artifacts; nothing
 * is downloaded at run time, and no text leaves the JVM.
 *
 * <ul>
 *   <li>{@link #chinese()}: bge-small-zh-v1.5, 512 dimensions, Chinese (and the English words common in
 *       Chinese business text);
 *   <li>{@link #english()}: bge-small-en-v1.5, 384 dimensions, English.
 * </ul>
 *
 * <p>Texts longer than the model's 512 tokens are cut by the model; a blank text gets one fixed unit vector. Each model is loaded once per JVM, on
 * the first call of its method (a few hundred milliseconds and about 100 MB of native memory, logged at
 * INFO); the same instance is returned afterwards. The embedders are thread-safe and deterministic; an
 * embedding takes milliseconds of CPU on the calling thread (see {@code EmbeddingBenchmark} in the
 * benchmarks for the measured rate). A knowledge base embeds each item when it is written and each search's
 * text; changing the embedder of a knowledge base re-embeds its items (their {@link TextEmbedder#name()}
 * changes).
 */
public final class BundledEmbedders {
  private static final Logger LOG = LoggerFactory.getLogger(BundledEmbedders.class);

  private BundledEmbedders() {}

  /**
   * bge-small-zh-v1.5 (quantized): Chinese, 512 dimensions, named {@code bge-small-zh-v1-5-q}.
   *
   * @return the shared embedder, loaded on the first call
   */
  public static TextEmbedder chinese() {
    return Chinese.INSTANCE;
  }

  /**
   * bge-small-en-v1.5 (quantized): English, 384 dimensions, named {@code bge-small-en-v1-5-q}.
   *
   * @return the shared embedder, loaded on the first call
   */
  public static TextEmbedder english() {
    return English.INSTANCE;
  }

  private static final class Chinese {
    static final TextEmbedder INSTANCE = load("bge-small-zh-v1-5-q", 512, BgeSmallZhV15QuantizedEmbeddingModel::new);
  }

  private static final class English {
    static final TextEmbedder INSTANCE = load("bge-small-en-v1-5-q", 384, BgeSmallEnV15QuantizedEmbeddingModel::new);
  }

  private static TextEmbedder load(String name, int dimensions, Supplier<EmbeddingModel> model) {
    long start = System.nanoTime();
    OnnxEmbedder embedder = new OnnxEmbedder(name, dimensions, model.get());
    LOG.info("loaded the embedding model {} ({} dimensions) in {} ms", name, dimensions, (System.nanoTime() - start) / 1_000_000);
    return embedder;
  }
}
