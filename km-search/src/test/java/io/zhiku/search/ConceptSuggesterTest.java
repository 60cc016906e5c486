package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.classify.ConceptSuggester;
import io.zhiku.core.classify.ConceptSuggestion;
import io.zhiku.core.classify.ConceptSuggestion.Reason;
import io.zhiku.core.classify.ConceptSuggestion.Source;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConceptSuggesterTest {
  private static final Principal ALICE = Principal.of("alice", List.of("ops"), List.of());
  private static final Principal BOB = Principal.of("bob", List.of("sales"), List.of());

  private static final Taxonomy TAXONOMY = Taxonomy.builder().scheme(ConceptScheme.of("it", "en", "IT"))
      .concept(Concept.builder("vpn", "it").prefLabel("en", "Virtual private network").prefLabel("zh", "虚拟专用网")
          .altLabel("en", "VPN").hiddenLabel("en", "vpm").build())
      .concept(Concept.builder("question", "it").prefLabel("en", "question").build())
      .concept(Concept.builder("crm", "it").prefLabel("en", "Customer relationship management").build())
      .concept(Concept.builder("secret", "it").prefLabel("en", "Project Falcon").build())
      .build();

  private static KnowledgeBase kb(Taxonomy taxonomy) {
    return KnowledgeBase.builder().clock(new TestClock()).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).taxonomy(taxonomy).build();
  }

  private static KnowledgeItem item(String id, String title, Acl acl, String... concepts) {
    return KnowledgeItem.builder(id, ItemKind.FAQ, title).body(title).acl(acl).concepts(List.of(concepts)).build();
  }

  private static Reason reason(ConceptSuggestion s, Source source) {
    return s.reasons().stream().filter(r -> r.source() == source).findFirst().orElseThrow();
  }

  @Test
  void labelInText_onAnEmptyKnowledgeBase_isEvenOdds() {
    try (KnowledgeBase kb = kb(TAXONOMY)) {
      List<ConceptSuggestion> s = ConceptSuggester.builder(kb).build().suggest(ALICE, "Our VPN drops every hour", 5);
      assertEquals(1, s.size());
      assertEquals("vpn", s.get(0).conceptId());
      assertEquals("Virtual private network", s.get(0).label());
      assertEquals(0.5, s.get(0).score(), 1e-9);
      assertEquals("the text says \u201cVPN\u201d; no item you can read says so yet", s.get(0).reasons().get(0).text());
      assertEquals("虚拟专用网", ConceptSuggester.builder(kb).language("zh").build().suggest(ALICE, "vpn", 1).get(0).label());
      assertEquals("the text names it; no item you can read says so yet", ConceptSuggester.builder(kb).build()
          .suggest(ALICE, "the vpm is down", 1).get(0).reasons().get(0).text(), "a hidden label (a misspelling) is never shown");
    }
  }

  @Test
  void whatALabelSays_isLearnedFromTheItems() {
    try (KnowledgeBase kb = kb(TAXONOMY)) {
      List<KnowledgeItem> items = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        items.add(item("q" + i, "A question on printer tray " + i, Acl.PUBLIC)); // says "question", not about it
      }
      for (int i = 0; i < 4; i++) {
        items.add(item("v" + i, "VPN certificate renewal step " + i, Acl.PUBLIC, "vpn"));
      }
      kb.putAll(items);
      kb.refresh();
      Map<String, ConceptSuggestion> s = byId(ConceptSuggester.builder(kb).build().suggest(ALICE, "A question about the VPN", 5));
      Reason vpn = reason(s.get("vpn"), Source.LABEL_IN_TEXT);
      assertEquals(5.0 / 6, vpn.probability(), 1e-9, "(4 + 1) / (4 + 2)");
      assertEquals("the text says \u201cVPN\u201d; 4 of the 4 items you can read that say so are about it", vpn.text());
      Reason question = reason(s.get("question"), Source.LABEL_IN_TEXT);
      assertEquals(1.0 / 10, question.probability(), 1e-9, "(0 + 1) / (8 + 2): a word everyone uses says little");
      assertTrue(s.get("vpn").score() > s.get("question").score());
      Reason similar = reason(s.get("vpn"), Source.SIMILAR_ITEMS);
      assertTrue(similar.text().matches("4 of the \\d+ items most like the text are about it"), similar.text());
      assertEquals(1 - (1 - vpn.probability()) * (1 - similar.probability()), s.get("vpn").score(), 1e-9,
          "independent evidence combined");
      assertEquals(List.of(vpn, similar).stream().sorted((a, b) -> Double.compare(b.probability(), a.probability())).toList(),
          s.get("vpn").reasons(), "strongest reason first");
    }
  }

  @Test
  void similarItems_suggestAConceptTheTextNeverNames() {
    try (KnowledgeBase kb = kb(TAXONOMY)) {
      kb.putAll(List.of(item("c1", "Sales pipeline dashboard for key accounts", Acl.PUBLIC, "crm"),
          item("c2", "Key accounts contact history export", Acl.PUBLIC, "crm"),
          item("n1", "Printer driver install", Acl.PUBLIC)));
      kb.refresh();
      List<ConceptSuggestion> s = ConceptSuggester.builder(kb).build().suggest(ALICE, "key accounts dashboard", 5);
      assertEquals(List.of("crm"), s.stream().map(ConceptSuggestion::conceptId).toList());
      assertEquals(List.of(Source.SIMILAR_ITEMS), s.get(0).reasons().stream().map(Reason::source).toList());
      assertEquals(1.0, s.get(0).score(), 1e-9, "every similar item is about it");
      assertEquals("2 of the 2 items most like the text are about it", s.get(0).reasons().get(0).text());
    }
  }

  @Test
  void suggestFor_anItem_neverItsOwnConcepts_neverItselfAsEvidence() {
    try (KnowledgeBase kb = kb(TAXONOMY)) {
      KnowledgeItem stored = kb.put(item("a", "Customer relationship management rollout plan", Acl.PUBLIC, "crm"));
      kb.refresh();
      ConceptSuggester suggester = ConceptSuggester.builder(kb).build();
      assertTrue(suggester.suggestFor(ALICE, stored, 5).isEmpty(), "crm is already its concept");
      KnowledgeItem unclassified = item("a", stored.title(), Acl.PUBLIC);
      List<ConceptSuggestion> s = suggester.suggestFor(ALICE, unclassified, 5);
      assertEquals(List.of("crm"), s.stream().map(ConceptSuggestion::conceptId).toList());
      assertEquals(List.of(Source.LABEL_IN_TEXT), s.get(0).reasons().stream().map(Reason::source).toList(),
          "its own stored version is not a similar item");
    }
  }

  @Test
  void suggestFor_aStoredItem_withAnEmbedder_findsItsNeighboursByMeaning() {
    Taxonomy money = Taxonomy.builder().scheme(ConceptScheme.of("fin", "en", "Finance"))
        .concept(Concept.builder("money", "fin").prefLabel("en", "Money matters").build()).build();
    SemanticRankingTest.TopicEmbedder embedder = new SemanticRankingTest.TopicEmbedder("topics",
        Map.of("repay", 0, "refund", 0, "payback", 0, "journey", 1));
    try (KnowledgeBase kb = KnowledgeBase.builder().clock(new TestClock()).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).taxonomy(money).embedder(embedder).build()) {
      kb.putAll(List.of(item("m1", "payback rules", Acl.PUBLIC, "money"), item("m2", "repay schedule", Acl.PUBLIC, "money"),
          item("t1", "journey notes", Acl.PUBLIC)));
      KnowledgeItem stored = kb.put(item("x", "refund refund form", Acl.PUBLIC)); // shares no word with m1, m2
      kb.refresh();
      List<ConceptSuggestion> s = ConceptSuggester.builder(kb).build().suggestFor(ALICE, stored, 5);
      assertEquals(List.of("money"), s.stream().map(ConceptSuggestion::conceptId).toList(),
          "its own stored copy, the best word match, does not keep its neighbours by meaning out");
      assertEquals(Source.SIMILAR_ITEMS, s.get(0).reasons().get(0).source());
      assertEquals("2 of the 3 items most like the text are about it", s.get(0).reasons().get(0).text());
    }
  }

  @Test
  void aChangedTaxonomy_isUsedAtTheNextCall() {
    try (KnowledgeBase kb = kb(TAXONOMY)) {
      ConceptSuggester suggester = ConceptSuggester.builder(kb).build();
      assertTrue(suggester.suggest(ALICE, "the firewall rules", 5).isEmpty());
      kb.setTaxonomy(TAXONOMY.edit(b -> b.concept(Concept.builder("firewall", "it").prefLabel("en", "Firewall").build())));
      assertEquals("firewall", suggester.suggest(ALICE, "the firewall rules", 5).get(0).conceptId());
    }
  }

  /**
   * Seeded: for each principal, the suggestions over a knowledge base that also holds items they may not
   * read name the same concepts, with the same label counts, as over one holding only what they may read;
   * and a concept only hidden items are about is never suggested unless the text names it.
   */
  @Test
  void hiddenItems_neverCount_seeded() {
    long seed = 20261204L;
    Random random = new Random(seed);
    String[] words = {"vpn", "question", "falcon", "project", "pipeline", "accounts", "tray", "renewal", "driver", "plan"};
    // Carol's items (the only ones about "secret") may say "project falcon"; the text never does.
    String[][] conceptsOf = {{}, {"vpn"}, {"crm"}, {"question"}, {"vpn", "crm"}};
    Acl[] acls = {Acl.PUBLIC, Acl.groups("ops"), Acl.groups("sales"), Acl.users("carol")};
    List<KnowledgeItem> all = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      StringBuilder title = new StringBuilder();
      for (int w = 0; w < 4; w++) {
        title.append(words[random.nextInt(words.length)]).append(' ');
      }
      Acl acl = acls[random.nextInt(acls.length)];
      String[] concepts = acl.equals(Acl.users("carol")) ? new String[] {"secret"} : conceptsOf[random.nextInt(conceptsOf.length)];
      all.add(item("i" + i, title.toString().strip(), acl, concepts));
    }
    String text = "project pipeline vpn question renewal";
    try (KnowledgeBase full = kb(TAXONOMY)) {
      full.putAll(all);
      full.refresh();
      for (Principal p : List.of(ALICE, BOB)) {
        try (KnowledgeBase readable = kb(TAXONOMY)) {
          readable.putAll(all.stream().filter(i -> i.acl().permits(p)).toList());
          readable.refresh();
          List<ConceptSuggestion> seen = ConceptSuggester.builder(full).neighbours(200).build().suggest(p, text, 50);
          List<ConceptSuggestion> truth = ConceptSuggester.builder(readable).neighbours(200).build().suggest(p, text, 50);
          assertEquals(labelReasons(truth), labelReasons(seen), "seed " + seed + ", " + p.userId());
          assertEquals(concepts(truth), concepts(seen), "seed " + seed + ", " + p.userId());
          assertFalse(concepts(seen).containsKey("secret"), "only carol's items are about it; seed " + seed);
        }
      }
    }
  }

  private static Map<String, String> labelReasons(List<ConceptSuggestion> s) {
    Map<String, String> out = new TreeMap<>();
    s.forEach(x -> x.reasons().stream().filter(r -> r.source() == Source.LABEL_IN_TEXT).forEach(r -> out.put(x.conceptId(), r.text())));
    return out;
  }

  private static Map<String, List<Source>> concepts(List<ConceptSuggestion> s) {
    Map<String, List<Source>> out = new TreeMap<>();
    s.forEach(x -> out.put(x.conceptId(), x.reasons().stream().map(Reason::source).sorted().toList()));
    return out;
  }

  private static Map<String, ConceptSuggestion> byId(List<ConceptSuggestion> s) {
    Map<String, ConceptSuggestion> out = new TreeMap<>();
    s.forEach(x -> out.put(x.conceptId(), x));
    return out;
  }

  @Test
  void badInputs_areNamed() {
    try (KnowledgeBase kb = kb(TAXONOMY)) {
      ConceptSuggester s = ConceptSuggester.builder(kb).build();
      assertTrue(assertThrows(ValidationException.class, () -> s.suggest(ALICE, "vpn", 0)).getMessage().contains("limit"));
      assertTrue(assertThrows(ValidationException.class, () -> s.suggest(ALICE, "vpn", 51)).getMessage().contains("limit"));
      assertTrue(assertThrows(ValidationException.class, () -> s.suggest(ALICE, "  ", 5)).getMessage().contains("text"));
      assertTrue(assertThrows(ValidationException.class, () -> s.suggest(ALICE, "x".repeat(WorkContext.MAX_TEXT_CHARS + 1), 5))
          .getMessage().contains("65536"));
      assertTrue(assertThrows(ValidationException.class, () -> s.suggest(null, "vpn", 5)).getMessage().contains("principal"));
      assertTrue(assertThrows(ValidationException.class, () -> s.suggestFor(ALICE, null, 5)).getMessage().contains("item"));
      assertTrue(assertThrows(ValidationException.class, () -> ConceptSuggester.builder(kb).neighbours(0)).getMessage().contains("neighbours"));
      assertTrue(assertThrows(ValidationException.class, () -> ConceptSuggester.builder(kb).neighbours(201)).getMessage().contains("neighbours"));
      assertThrows(ValidationException.class, () -> ConceptSuggester.builder(kb).language("not a tag"));
      assertThrows(ValidationException.class, () -> ConceptSuggester.builder(null));
    }
  }
}
