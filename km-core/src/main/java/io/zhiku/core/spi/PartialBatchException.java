package io.zhiku.core.spi;

import io.zhiku.core.ZhikuException;
import io.zhiku.core.internal.Immutables;
import io.zhiku.core.kb.ItemChange;
import java.util.List;
import java.util.Map;

/**
 * Thrown by {@link KnowledgeIndex#apply} of an engine without {@link EngineCapability#ATOMIC_BATCHES}
 * when part of a batch failed: the changes it did apply, and why each other change failed. The knowledge
 * base keeps its own state in step with the applied changes and reports the failures to its caller; hosts
 * do not see this type.
 */
public final class PartialBatchException extends ZhikuException {
  private static final long serialVersionUID = 1L;

  /** The changes applied. */
  private final transient List<ItemChange> applied;
  /** For each change not applied, by item id: a {@link io.zhiku.core.kb.VersionConflictException} or the engine's failure. */
  private final transient Map<String, RuntimeException> failures;

  /**
   * Creates the exception.
   *
   * @param applied the changes applied, in the batch's order
   * @param failures for each change not applied, by item id, why: a {@link
   *     io.zhiku.core.kb.VersionConflictException} if another writer changed the item first, else the
   *     engine's failure; not empty
   * @throws IllegalArgumentException if there is no failure
   */
  public PartialBatchException(List<ItemChange> applied, Map<String, RuntimeException> failures) {
    super(message(applied, failures), failures.isEmpty() ? null : failures.values().iterator().next());
    this.applied = List.copyOf(applied);
    this.failures = Immutables.map(failures);
  }

  private static String message(List<ItemChange> applied, Map<String, RuntimeException> failures) {
    if (failures.isEmpty()) {
      throw new IllegalArgumentException("a partial batch has at least one failure");
    }
    return applied.size() + " of " + (applied.size() + failures.size()) + " changes applied; failed: " + failures.keySet();
  }

  /**
   * The changes applied.
   *
   * @return the changes, in the batch's order
   */
  public List<ItemChange> applied() {
    return applied;
  }

  /**
   * Why each change not applied failed.
   *
   * @return the failures by item id, in the batch's order
   */
  public Map<String, RuntimeException> failures() {
    return failures;
  }
}
