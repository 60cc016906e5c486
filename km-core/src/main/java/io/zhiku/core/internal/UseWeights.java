package io.zhiku.core.internal;

import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEventType;
import java.util.Set;

/**
 * How much a usage event says that its item helped, shared by the search ranking's popularity boost
 * (km-core) and push's usage statistics (km-push), so that both count usage alike.
 */
public final class UseWeights {
  /** The event types with a use or a feedback weight; every other type weighs nothing. */
  public static final Set<String> COUNTED = Set.of("view", "click", "push-accepted", "push-dismissed", "helpful", "reuse", "rate");

  /**
   * The events of the {@link #COUNTED} types: what a scan that rebuilds usage sums reads, so that it
   * skips searches, pushes shown and the other types at the store rather than row by row.
   */
  public static final EventQuery COUNTED_EVENTS =
      EventQuery.builder().types(COUNTED.stream().sorted().map(UsageEventType::of).toArray(UsageEventType[]::new)).build();

  private UseWeights() {}

  /**
   * An event's use weight: view and click 1, push accepted 2, reuse 3, helpful 2 (0 if marked
   * unhelpful, value 0), a rating of 4 or more 1; others 0.
   *
   * @param type the event type's name
   * @param value the event's value, or NaN
   * @return the weight, 0 to 3
   */
  public static double use(String type, double value) {
    return switch (type) {
      case "view", "click" -> 1;
      case "push-accepted" -> 2;
      case "helpful" -> value == 0 ? 0 : 2;
      case "reuse" -> 3;
      case "rate" -> value >= 4 ? 1 : 0;
      default -> 0;
    };
  }

  /**
   * An event's feedback on a push: accepted +1, dismissed -1, others 0.
   *
   * @param type the event type's name
   * @return the weight
   */
  public static double feedback(String type) {
    return switch (type) {
      case "push-accepted" -> 1;
      case "push-dismissed" -> -1;
      default -> 0;
    };
  }
}
