package io.zhiku.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zhiku.core.internal.LabelNormalizer;
import io.zhiku.testkit.Seeded;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharFilterFactory;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The folding as an SPI factory, and the analyzers declared from SPI names alone (what a Solr schema
 * declares): on seeded random text mixing traditional and simplified Chinese, full-width forms, English
 * and punctuation, they give exactly the tokens, offsets and positions of {@link TextAnalyzers}.
 */
@Seeded
class FoldingCharFilterFactoryTest {
  private static final String[] PARTS = {"統一身份認證", "统一身份认证", "智慧校園", "ＡＢＣ１２３", "Customer's", "relationships",
      "managing", "the", "and", "网络", "雲端服務", "iPhone", "5G", "，", "。", "!", " ", " ", "\n", "Ｗｉ－Ｆｉ", "宿舍區", "e-mail"};

  @Test
  void theFactory_isFoundByItsName_andTakesNoArguments() {
    assertEquals(FoldingCharFilterFactory.class, CharFilterFactory.lookupClass(FoldingCharFilterFactory.NAME));
    assertThrows(IllegalArgumentException.class, () -> CharFilterFactory.forName(FoldingCharFilterFactory.NAME,
        new HashMap<>(Map.of("mapping", "x.txt"))));
    assertEquals(LabelNormalizer.TRADITIONAL_TO_SIMPLIFIED, ChineseFolding.TRADITIONAL_TO_SIMPLIFIED,
        "labels (km-core) and item text fold with the same transform");
  }

  @RepeatedTest(20)
  void analyzersDeclaredBySpiNames_giveTheTokensOfTextAnalyzers(Random r) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 1 + r.nextInt(40); i > 0; i--) {
      text.append(PARTS[r.nextInt(PARTS.length)]);
    }
    try (Analyzer words = TextAnalyzers.words(); Analyzer declaredWords = declared("icu");
        Analyzer characters = TextAnalyzers.characters(); Analyzer declaredCharacters = declared("standard")) {
      assertEquals(tokens(words, text.toString()), tokens(declaredWords, text.toString()), text.toString());
      assertEquals(tokens(characters, text.toString()), tokens(declaredCharacters, text.toString()), text.toString());
    }
  }

  /** The chain of {@link TextAnalyzers}' text analyzers, by SPI names only. */
  private static Analyzer declared(String tokenizer) throws IOException {
    return CustomAnalyzer.builder().addCharFilter(FoldingCharFilterFactory.NAME).withTokenizer(tokenizer)
        .addTokenFilter("englishPossessive").addTokenFilter("stop").addTokenFilter("porterStem").build();
  }

  private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute position = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term + "@" + offset.startOffset() + "-" + offset.endOffset() + "+" + position.getPositionIncrement());
      }
      ts.end();
    }
    return out;
  }
}
