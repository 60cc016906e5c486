package io.zhiku.embed;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.zhiku.core.search.TextEmbedder;

/**
 * A LangChain4j in-process model as a {@link TextEmbedder}. A blank text, which the model refuses and which
 * means nothing, gets one fixed unit vector (every value {@code 1/√dimensions}). Thread-safe (ONNX Runtime
 * sessions are).
 */
final class OnnxEmbedder implements TextEmbedder {
  private final String name;
  private final int dimensions;
  private final EmbeddingModel model;

  OnnxEmbedder(String name, int dimensions, EmbeddingModel model) {
    this.name = name;
    this.dimensions = dimensions;
    this.model = model;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public float[] embed(String text) {
    if (text.isBlank()) {
      float[] blank = new float[dimensions];
      java.util.Arrays.fill(blank, (float) (1 / Math.sqrt(dimensions)));
      return blank;
    }
    return model.embed(text).content().vector(); // the engine checks every vector's length and values
  }

  @Override
  public String toString() {
    return name + " (" + dimensions + " dimensions)";
  }
}
