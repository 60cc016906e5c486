package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.core.spi.EngineCapability;
import io.zhiku.solr.SolrConnection;
import io.zhiku.solr.SolrLayout;
import io.zhiku.solr.SolrSetup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine as a host meets it: found by name, configured by its options, creating what is missing (or
 * refusing to, when told), its items and events shared by two knowledge bases, and clear errors for what
 * it cannot do.
 */
class SolrEngineTest {
  private static final Principal ALICE = Principal.of("alice", List.of("sales"), List.of());

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(1);

  private static SolrConnection connection() {
    return SolrConnection.zooKeeper(List.of(SOLR.cluster().getZkServer().getZkHost()), "/solr");
  }

  private static KnowledgeBase open(SolrLayout layout) {
    return KnowledgeBase.builder().engine("solr").engineOption(connection()).engineOption(layout)
        .refreshInterval(Duration.ZERO).build();
  }

  @Test
  void foundByName_createsItsCollections_andTwoKnowledgeBasesShareItemsAndEvents() {
    SolrLayout layout = SolrLayout.named("engine").withSize(2, 1);
    try (KnowledgeBase a = open(layout); KnowledgeBase b = open(layout)) {
      assertTrue(a.engineCapabilities().contains(EngineCapability.SHARED));
      a.put(KnowledgeItem.builder("p1", ItemKind.SOLUTION, "Smart campus proposal").acl(Acl.PUBLIC).build());
      a.record(UsageEvent.ofItem(UsageEventType.VIEW, Instant.parse("2026-12-01T00:00:00Z"), ALICE, "p1"));
      a.refresh();
      b.refresh();
      assertEquals(List.of("p1"), b.search(SearchRequest.builder(ALICE).text("campus").build()).hits().stream()
          .map(h -> h.item().id()).toList());
      assertEquals(1, a.events().count(EventQuery.builder().items("p1").build()));
    }
    assertTrue(SolrCollections.exists(SOLR.cluster().getSolrClient(), "engine-items"));
    assertTrue(SolrCollections.exists(SOLR.cluster().getSolrClient(), "engine-events"));
    try (KnowledgeBase reopened = open(layout.existingOnly())) {
      assertTrue(reopened.get("p1").isPresent(), "the data lives in the cluster");
      assertEquals(1, reopened.events().count(EventQuery.builder().items("p1").build()), "events too");
    }
  }

  @Test
  void setUpOnce_thenOpenedWithoutAdminRights() {
    SolrLayout layout = SolrLayout.named("setup");
    ZhikuException missing = assertThrows(ZhikuException.class, () -> open(layout.existingOnly()));
    assertTrue(missing.getMessage().contains("setup-items does not exist"), missing.getMessage());
    assertFalse(SolrCollections.exists(SOLR.cluster().getSolrClient(), "setup-items"), "nothing created");
    assertEquals(2, SolrSetup.ensure(connection(), layout));
    assertEquals(0, SolrSetup.ensure(connection(), layout), "idempotent");
    try (KnowledgeBase kb = open(layout.existingOnly())) {
      assertEquals(0, kb.catalog().size());
    }
  }

  @Test
  void withoutAConnection_orWithAnEmbedder_theEngineSaysWhat() {
    ValidationException noConnection = assertThrows(ValidationException.class,
        () -> KnowledgeBase.builder().engine("solr").build());
    assertEquals("engineOption", noConnection.field());
    assertTrue(noConnection.getMessage().contains("SolrConnection"), noConnection.getMessage());
    TextEmbedder embedder = new TextEmbedder() {
      @Override
      public String name() {
        return "test-embedder";
      }

      @Override
      public int dimensions() {
        return 2;
      }

      @Override
      public float[] embed(String text) {
        return new float[] {1, 0};
      }
    };
    ValidationException withEmbedder = assertThrows(ValidationException.class, () -> KnowledgeBase.builder()
        .engine("solr").engineOption(connection()).embedder(embedder).build());
    assertEquals("embedder", withEmbedder.field());
    ValidationException sameNames = assertThrows(ValidationException.class,
        () -> new SolrLayout("kb", "kb", "zhiku", 1, 1, true));
    assertEquals("SolrLayout.events", sameNames.field());
    assertThrows(ValidationException.class, () -> SolrLayout.defaults().withSize(0, 1));
  }
}
