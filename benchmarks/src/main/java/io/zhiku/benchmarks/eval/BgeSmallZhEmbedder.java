package io.zhiku.benchmarks.eval;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import io.zhiku.core.search.TextEmbedder;

/**
 * A {@link TextEmbedder} on BAAI's bge-small-zh-v1.5 (quantized), run in-process by LangChain4j's ONNX
 * embedding model: 512 dimensions, texts truncated to the model's 512 tokens. The model's files ship in
 * its Maven artifact; nothing is downloaded at run time. Thread-safe.
 */
public final class BgeSmallZhEmbedder implements TextEmbedder {
  private final BgeSmallZhV15QuantizedEmbeddingModel model = new BgeSmallZhV15QuantizedEmbeddingModel();

  @Override
  public String name() {
    return "bge-small-zh-v1-5-q";
  }

  @Override
  public int dimensions() {
    return 512;
  }

  @Override
  public float[] embed(String text) {
    return model.embed(text).content().vector();
  }
}
