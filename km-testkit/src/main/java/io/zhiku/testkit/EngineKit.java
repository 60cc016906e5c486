package io.zhiku.testkit;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.search.SearchResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;

/**
 * The base of every conformance kit: the engine under test, what it can promise, and fresh knowledge
 * bases on it. An engine's test class extends a kit and says how to build a knowledge base on the engine
 * ({@link #newKnowledgeBase()}), which {@link Capability capabilities} it has, and, for those, how to
 * reopen ({@link #newStore()}) and crash a store.
 *
 * <p>The kits test the engine through the {@link KnowledgeBase} facade, as a host uses it, so that what
 * they check is what hosts get. Each test opens its own knowledge bases and closes them. Randomized tests
 * are {@link Seeded}: a failure prints the seed that replays it.
 */
@Seeded
public abstract class EngineKit {
  /** A reader in the sales group with the account-manager role. */
  protected static final Principal ALICE = Principal.of("alice", List.of("sales"), List.of("account-manager"));
  /** A reader in the R&amp;D group, with no role. */
  protected static final Principal BOB = Principal.of("bob", List.of("rd"), List.of());

  /**
   * A builder of a new, empty knowledge base on the engine under test, held in memory or wherever the
   * engine keeps data; each call gives a knowledge base that shares nothing with earlier ones. Kits set
   * the clock, the refresh interval, the commit policy and the taxonomy themselves where they matter.
   *
   * @return a new builder
   */
  protected abstract KnowledgeBaseBuilder newKnowledgeBase();

  /**
   * What the engine promises beyond what every engine must. Tests that need a capability not listed are
   * skipped.
   *
   * @return the capabilities; none by default
   */
  protected Set<Capability> capabilities() {
    return Set.of();
  }

  /**
   * A new, empty store that can be opened again: needed by tests of {@link Capability#REOPEN} and {@link
   * Capability#CRASH}.
   *
   * @return the store
   * @throws UnsupportedOperationException by default: an engine that declares either capability overrides this
   */
  protected Store newStore() {
    throw new UnsupportedOperationException("declares " + capabilities() + " but does not override newStore()");
  }

  /**
   * Data that outlives the knowledge bases opened on it: a directory, a collection.
   */
  public interface Store {
    /**
     * A builder of a knowledge base on this store's data; every call opens the same data.
     *
     * @return the builder
     */
    KnowledgeBaseBuilder open();

    /**
     * Makes the store lose what it was not sure to keep, as a power failure would: writes not committed
     * are lost or left damaged. The knowledge base open on it is abandoned (never used or closed again);
     * {@link #open()} then finds a committed state.
     *
     * @throws UnsupportedOperationException by default: an engine with {@link Capability#CRASH} overrides it
     */
    default void crash() {
      throw new UnsupportedOperationException("this store cannot crash");
    }
  }

  /**
   * Skips the calling test unless the engine declares the capability.
   *
   * @param capability what the test needs
   */
  protected final void requires(Capability capability) {
    Assumptions.assumeTrue(capabilities().contains(capability),
        () -> "the engine does not declare " + capability + ": skipped");
  }

  /**
   * A knowledge base on the engine under test that refreshes and commits only when told.
   *
   * @param clock the clock for item times
   * @return the open knowledge base
   */
  protected final KnowledgeBase manual(Clock clock) {
    return newKnowledgeBase().clock(clock).refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).build();
  }

  /**
   * A solution item with a body derived from its title.
   *
   * @param id the id
   * @param title the title
   * @param acl who may read it
   * @return the item
   */
  protected static KnowledgeItem item(String id, String title, Acl acl) {
    return KnowledgeItem.builder(id, ItemKind.SOLUTION, title).body(title + " body").acl(acl).build();
  }

  /**
   * The ids of a page's hits, sorted.
   *
   * @param r the result
   * @return the ids
   */
  protected static Set<String> ids(SearchResult r) {
    Set<String> out = new TreeSet<>();
    r.hits().forEach(h -> out.add(h.item().id()));
    return out;
  }
}
