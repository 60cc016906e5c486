package io.zhiku.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.internal.LabelMatcher.Found;
import io.zhiku.core.internal.LabelMatcher.LabelKind;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabelMatcherTest {
  private static final LabelMatcher MATCHER = LabelMatcher.of(Taxonomy.builder()
      .scheme(ConceptScheme.of("s", "en", "S"))
      .concept(Concept.builder("linear-algebra", "s").prefLabel("en", "Linear algebra").build())
      .concept(Concept.builder("algebra", "s").prefLabel("en", "algebra").build())
      .concept(Concept.builder("strategy", "s").prefLabel("en", "teaching strategies").build())
      .concept(Concept.builder("vpn", "s").prefLabel("en", "Virtual private network").altLabel("en", "VPN")
          .hiddenLabel("en", "vpm").build())
      .concept(Concept.builder("crm", "s").prefLabel("zh", "客户关系管理").altLabel("en", "CRM").build())
      .concept(Concept.builder("info", "s").prefLabel("zh", "資訊").build())
      .build());

  private static Map<String, Found> find(String text) {
    return MATCHER.find(text).stream().collect(Collectors.toMap(Found::conceptId, f -> f));
  }

  @Test
  void wholeWords_caseHyphensAndPluralsFolded() {
    Map<String, Found> f = find("Proofs in LINEAR-ALGEBRA, and a teaching strategy for linear algebra.");
    assertEquals(2, f.get("linear-algebra").occurrences());
    assertEquals(2, f.get("algebra").occurrences(), "the shorter label inside the longer one is found too");
    assertEquals(1, f.get("strategy").occurrences(), "\"teaching strategy\" is the singular of the label");
    assertTrue(find("algebraic topology").isEmpty(), "never inside a longer word");
    assertTrue(find("linear\nalgebra").containsKey("linear-algebra"), "any separator between words");
  }

  @Test
  void chineseInsideARun_traditionalAsSimplified_fullWidthAsAscii() {
    Map<String, Found> f = find("我们的客戶關係管理系统需要升级，ＣＲＭ和资讯");
    assertEquals(2, f.get("crm").occurrences(), "traditional 客戶關係 inside a run of characters, and full-width ＣＲＭ");
    assertEquals(LabelKind.PREFERRED, f.get("crm").kind(), "the best kind found is kept");
    assertEquals("客户关系管理", f.get("crm").label());
    assertTrue(f.containsKey("info"), "simplified 资讯 finds the label written 資訊");
  }

  @Test
  void labelKinds_andTheirOrderOfFirstOccurrence() {
    List<Found> f = MATCHER.find("the vpm is down; the VPN gateway too; algebra");
    assertEquals(List.of("vpn", "algebra"), f.stream().map(Found::conceptId).toList());
    assertEquals(LabelKind.ALTERNATIVE, f.get(0).kind(), "the alternative label beats the hidden one");
    assertEquals(2, f.get(0).occurrences());
    assertEquals(LabelKind.HIDDEN, find("vpm only").get("vpn").kind());
  }

  @Test
  void singular_harmanRules() {
    assertEquals("strategy", LabelMatcher.singular("strategies"));
    assertEquals("proof", LabelMatcher.singular("proofs"));
    assertEquals("class", LabelMatcher.singular("class"));
    assertEquals("status", LabelMatcher.singular("status"));
    assertEquals("shoes", LabelMatcher.singular("shoes"));
    assertEquals("page", LabelMatcher.singular("pages"));
    assertEquals("trees", LabelMatcher.singular("trees"));
    assertEquals("gas", LabelMatcher.singular("gas"), "short words stay");
    assertEquals("données", LabelMatcher.singular("données"), "only ASCII words are folded");
  }
}
