package io.zhiku.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WordOverlapTest {
  @Test
  void chineseCountsCharactersAndPairsOfAdjacentCharacters() {
    assertEquals(Map.of("还", 1, "款", 1, "还款", 1), WordOverlap.terms("还款"));
    // 怎 么 还 款 怎么 么还 还款 against 如 何 还 款 如何 何还 还款: three shared of seven each.
    assertEquals(3.0 / 7, WordOverlap.cosine("怎么还款", "如何还款"), 1e-12);
  }

  @Test
  void otherScriptsCountWords_andPunctuationSeparates() {
    assertEquals(Map.of("reset", 1, "vpn", 2, "密", 1, "码", 1, "密码", 1), WordOverlap.terms("Reset VPN密码, vpn!"));
    assertEquals(1, WordOverlap.cosine("reset the VPN", "the VPN: reset"), 1e-12);
    assertEquals(0, WordOverlap.cosine("reset the VPN", "密码"));
    assertEquals(0, WordOverlap.cosine("!!!", "密码"), "no term: nothing shared");
  }

  @Test
  void caseFullWidthFormsAndTraditionalChineseAreFolded() {
    assertEquals(1, WordOverlap.cosine("ＣＲＭ 系統", "crm 系统"), 1e-12);
  }

  @Test
  void repeatedTermsWeighByTheirCounts() {
    // {a:2} · {a:1, b:1} / (2 × √2)
    assertEquals(1 / Math.sqrt(2), WordOverlap.cosine("a a", "a b"), 1e-12);
  }
}
