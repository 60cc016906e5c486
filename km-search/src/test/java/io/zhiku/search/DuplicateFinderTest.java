package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.classify.DuplicateFinder;
import io.zhiku.core.classify.DuplicateScore;
import io.zhiku.core.classify.PossibleDuplicate;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.search.TextEmbedder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The duplicate warning before a put, on the embedded engine. */
class DuplicateFinderTest {
  private static final Principal ALICE = Principal.of("alice", List.of("ops"), List.of());
  private static final Principal BOB = Principal.of("bob", List.of("finance"), List.of());

  private static KnowledgeBase kb(TextEmbedder embedder) {
    KnowledgeBaseBuilder b = KnowledgeBase.builder().refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual());
    if (embedder != null) {
      b.embedder(embedder);
    }
    KnowledgeBase kb = b.build();
    kb.putAll(List.of(
        faq("f1", "如何修改登录密码", Acl.PUBLIC),
        faq("f2", "怎样修改登录密码", Acl.groups("finance")),
        faq("f3", "登录页面打不开", Acl.PUBLIC),
        faq("f4", "信用卡如何还款", Acl.PUBLIC)));
    kb.refresh();
    return kb;
  }

  private static KnowledgeItem faq(String id, String title, Acl acl) {
    return KnowledgeItem.builder(id, ItemKind.FAQ, title).acl(acl).build();
  }

  private static List<String> ids(List<PossibleDuplicate> found) {
    return found.stream().map(d -> d.item().id()).toList();
  }

  private static PossibleDuplicate of(List<PossibleDuplicate> found, String id) {
    return found.stream().filter(d -> d.item().id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id + " in " + found));
  }

  @Test
  void theSameQuestionInOtherWords_isLikely_aQuestionSharingAWord_isNot() {
    try (KnowledgeBase kb = kb(null)) {
      List<PossibleDuplicate> found = DuplicateFinder.builder(kb).build().find(ALICE, "怎么修改登录密码", 5);
      assertEquals("f1", found.get(0).item().id());
      DuplicateScore same = found.get(0).score();
      assertEquals(11.0 / 15, same.words(), 1e-9, "11 of 15 characters and pairs shared");
      assertTrue(same.likely(), same.toString());
      assertTrue(Double.isNaN(same.meaning()), "no embedder, no meaning");
      DuplicateScore other = of(found, "f3").score();
      assertFalse(other.likely(), other.toString());
      assertTrue(other.probability() < same.probability());
      assertEquals(0, kb.events().lastSequence(), "a check on someone's behalf is not their search");
    }
  }

  @Test
  void anItemThePrincipalMayNotRead_isNeverACandidate() {
    try (KnowledgeBase kb = kb(null)) {
      DuplicateFinder finder = DuplicateFinder.builder(kb).build();
      assertFalse(ids(finder.find(ALICE, "怎样修改登录密码", 10)).contains("f2"), "hidden from alice, however alike");
      List<PossibleDuplicate> bobs = finder.find(BOB, "怎样修改登录密码", 10);
      assertEquals("f2", bobs.get(0).item().id());
      assertEquals(1, bobs.get(0).score().words(), 1e-9);
    }
  }

  @Test
  void findFor_leavesTheItemItselfOut_andFindsACopyUnderAnotherId() {
    try (KnowledgeBase kb = kb(null)) {
      DuplicateFinder finder = DuplicateFinder.builder(kb).build();
      KnowledgeItem f1 = kb.get("f1").orElseThrow();
      assertFalse(ids(finder.findFor(ALICE, f1, 10)).contains("f1"));
      List<PossibleDuplicate> copy = finder.findFor(ALICE, faq("new", "如何修改登录密码", Acl.PUBLIC), 10);
      assertEquals("f1", copy.get(0).item().id());
      assertEquals(1, copy.get(0).score().words(), 1e-9);
      assertEquals(1, finder.findFor(ALICE, faq("new", "如何修改登录密码", Acl.PUBLIC), 1).size(), "the limit holds");
    }
  }

  @Test
  void withAnEmbedder_aParaphraseSharingNoWord_isFoundAndLikely() {
    TextEmbedder topics = new SemanticRankingTest.TopicEmbedder("topics", Map.of("payback", 0, "refund", 0, "trip", 1));
    try (KnowledgeBase kb = kb(topics)) {
      kb.put(faq("m1", "refund policy", Acl.PUBLIC));
      kb.refresh();
      DuplicateFinder finder = DuplicateFinder.builder(kb).embedder(topics).build();
      PossibleDuplicate m1 = of(finder.find(ALICE, "payback", 5), "m1");
      assertEquals(0, m1.score().words());
      assertEquals(1, m1.score().meaning(), 1e-6);
      assertTrue(m1.score().likely(), m1.toString());
      DuplicateScore far = finder.compare("payback", "trip");
      assertFalse(far.likely(), far.toString());
      // The host's own weights replace the defaults.
      DuplicateFinder strict = DuplicateFinder.builder(kb).embedder(topics).weights(new DuplicateFinder.Weights(-100, 0, 1)).build();
      assertFalse(strict.compare("payback", "refund").likely());
    }
  }

  @Test
  void anEmbedderThatMisbehaves_isNamed() {
    TextEmbedder broken = new SemanticRankingTest.TopicEmbedder("short", Map.of()) {
      @Override
      public float[] embed(String text) {
        return new float[2];
      }
    };
    try (KnowledgeBase kb = kb(null)) {
      ZhikuException e = assertThrows(ZhikuException.class,
          () -> DuplicateFinder.builder(kb).embedder(broken).build().compare("a", "b"));
      assertTrue(e.getMessage().contains("short") && e.getMessage().contains("2 values where it declares 3"), e.getMessage());
    }
  }

  @Test
  void badInput_isRefusedWithTheField() {
    try (KnowledgeBase kb = kb(null)) {
      DuplicateFinder finder = DuplicateFinder.builder(kb).build();
      assertEquals("limit", assertThrows(ValidationException.class, () -> finder.find(ALICE, "密码", 0)).field());
      assertEquals("limit", assertThrows(ValidationException.class, () -> finder.find(ALICE, "密码", 51)).field());
      assertEquals("text", assertThrows(ValidationException.class, () -> finder.find(ALICE, " ", 5)).field());
      assertEquals("principal", assertThrows(ValidationException.class, () -> finder.find(null, "密码", 5)).field());
      assertEquals("b", assertThrows(ValidationException.class, () -> finder.compare("密码", null)).field());
      assertEquals("candidates", assertThrows(ValidationException.class, () -> DuplicateFinder.builder(kb).candidates(0)).field());
      assertEquals("candidates", assertThrows(ValidationException.class, () -> DuplicateFinder.builder(kb).candidates(101)).field());
      assertEquals("kb", assertThrows(ValidationException.class, () -> DuplicateFinder.builder(null)).field());
    }
  }
}
