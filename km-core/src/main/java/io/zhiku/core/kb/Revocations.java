package io.zhiku.core.kb;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemSummary;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Items whose access changed since the engine's last refresh: deleted, or stored with a different ACL.
 * The engine's searcher still holds their old version until it refreshes, so every answer drawn from it
 * (hits, totals, facets, suggestions, similar items) must leave out those that the principal may no
 * longer read. The knowledge base asks {@link #hiddenFrom} before each such answer, with its real-time
 * item table as the truth, and forgets the ids once a refresh made their new state searchable.
 *
 * <p>Thread-safe: {@link #changed} and {@link #refreshed} run under the knowledge base's write lock,
 * {@link #hiddenFrom} on any thread. A search that reads the ids before a refresh forgets them and the
 * searcher after it hides a little more than it must, never less: a refresh forgets only what the
 * searcher it opened already shows.
 */
final class Revocations {
  private final Set<String> ids = ConcurrentHashMap.newKeySet();

  /**
   * Notes an item change, if it can narrow who may read the item.
   *
   * @param before the ACL the item had, or {@code null} if it did not exist
   * @param after the ACL it has now, or {@code null} if it was deleted
   * @param id the item's id
   */
  void changed(String id, Acl before, Acl after) {
    if (before != null && !before.equals(after)) {
      ids.add(id);
    }
  }

  /** Forgets every id: called after a refresh, under the write lock, when every change is searchable. */
  void refreshed() {
    ids.clear();
  }

  /** @return how many ids are tracked until the next refresh */
  int size() {
    return ids.size();
  }

  /**
   * The ids an answer for a principal must leave out.
   *
   * @param principal who asks
   * @param current the real-time summary of a live item, empty if deleted
   * @return the ids of changed items the principal may not read now; empty (and shared) when none changed
   */
  Set<String> hiddenFrom(Principal principal, Function<String, Optional<ItemSummary>> current) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    Set<String> hidden = new HashSet<>();
    for (String id : ids) {
      Optional<ItemSummary> now = current.apply(id);
      if (now.isEmpty() || !now.get().acl().permits(principal)) {
        hidden.add(id);
      }
    }
    return hidden;
  }
}
