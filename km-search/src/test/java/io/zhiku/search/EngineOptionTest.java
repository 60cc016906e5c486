package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.spi.EngineOption;
import io.zhiku.core.spi.EventStore;
import io.zhiku.core.spi.IndexSettings;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.KnowledgeIndexProvider;
import io.zhiku.search.internal.LuceneIndexProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Engine options reach the engine that reads them, and an option no engine reads is refused before anything opens. */
class EngineOptionTest {
  /** An option of a made-up cluster engine. */
  record ClusterAddress(String hosts) implements EngineOption {}

  /** An option nobody reads. */
  record Unread(int value) implements EngineOption {}

  /** The embedded engine, declaring that it reads {@link ClusterAddress} and recording what it was given. */
  static final class Recording implements KnowledgeIndexProvider {
    final List<IndexSettings> opened = new ArrayList<>();
    private final LuceneIndexProvider lucene = new LuceneIndexProvider();

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public Set<Class<? extends EngineOption>> optionTypes() {
      return Set.of(ClusterAddress.class);
    }

    @Override
    public KnowledgeIndex open(IndexSettings settings) {
      opened.add(settings);
      return lucene.open(settings);
    }

    @Override
    public EventStore openEvents(IndexSettings settings) {
      return lucene.openEvents(settings);
    }
  }

  @Test
  void engineOption_readByTheEngine_reachesItsSettings_theLastOfATypeWins() {
    Recording engine = new Recording();
    try (KnowledgeBase kb = KnowledgeBase.builder().engine(engine)
        .engineOption(new ClusterAddress("a:2181")).engineOption(new ClusterAddress("b:2181")).build()) {
      assertEquals(1, engine.opened.size());
      assertEquals(Optional.of(new ClusterAddress("b:2181")), engine.opened.get(0).option(ClusterAddress.class));
      assertEquals(Optional.empty(), engine.opened.get(0).option(Unread.class));
    }
  }

  @Test
  void engineOption_theEngineDoesNotRead_refusedBeforeAnythingOpens() {
    Recording engine = new Recording();
    ValidationException e = assertThrows(ValidationException.class,
        () -> KnowledgeBase.builder().engine(engine).engineOption(new Unread(1)).build());
    assertEquals("engineOption", e.field());
    assertTrue(e.getMessage().contains(Unread.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("engine \"recording\" reads only options of the types [" + ClusterAddress.class.getName() + "]"),
        e.getMessage());
    assertEquals(List.of(), engine.opened, "nothing opened");

    ValidationException lucene = assertThrows(ValidationException.class,
        () -> KnowledgeBase.builder().engineOption(new ClusterAddress("a:2181")).build());
    assertTrue(lucene.getMessage().contains("engine \"lucene\" reads only options of the types []"), lucene.getMessage());
  }

  @Test
  void indexSettings_refuseTwoOptionsOfOneType() {
    assertThrows(ValidationException.class,
        () -> new IndexSettings(null, null, List.of(new ClusterAddress("a"), new ClusterAddress("b"))));
    assertEquals(List.of(), new IndexSettings(null, null, null).options());
  }
}
