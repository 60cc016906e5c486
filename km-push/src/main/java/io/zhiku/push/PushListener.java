package io.zhiku.push;

import java.util.List;

/**
 * Receives the pushes computed for published {@link WorkflowEvent}s. Called on the knowledge base's
 * notification thread, never on the host's: a slow listener delays only later notifications, and an
 * exception it throws is logged and forgotten.
 */
@FunctionalInterface
public interface PushListener {
  /**
   * What helps at this workflow step.
   *
   * @param event the published event
   * @param recommendations the push for its context (possibly empty)
   */
  void onPush(WorkflowEvent event, List<Recommendation> recommendations);
}
