package io.zhiku.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.zhiku.core.internal.Checks;
import java.util.Set;

/**
 * What happened in a {@link UsageEvent}. An open set: the constants are the types Zhiku's push and
 * metrics understand; a host may record its own (for example {@code "proposal-won"}) with {@link
 * #of(String)}.
 *
 * <p>Some well-known types require parts of the event: see {@link #requiresItem()}, {@link
 * #requiresQuery()} and {@link #requiresValue()}. Types a host defines require nothing.
 *
 * <p>A value: immutable and thread-safe. In JSON a type is its name.
 *
 * @param name 1 to 64 characters of {@code a-z 0-9 -}, starting with a letter
 */
public record UsageEventType(@JsonValue String name) {
  /** Someone opened an item. Requires an item. */
  public static final UsageEventType VIEW = new UsageEventType("view");
  /** Someone searched. Requires the query and the result count. */
  public static final UsageEventType SEARCH = new UsageEventType("search");
  /** Someone clicked a search result or a link. Requires an item. */
  public static final UsageEventType CLICK = new UsageEventType("click");
  /** Someone reused an item in their work (copied a template, applied a solution). Requires an item. */
  public static final UsageEventType REUSE = new UsageEventType("reuse");
  /** Someone rated an item. Requires an item and the rating as the value. */
  public static final UsageEventType RATE = new UsageEventType("rate");
  /** Someone marked an item as helpful (value 1) or not (value 0). Requires an item. */
  public static final UsageEventType HELPFUL = new UsageEventType("helpful");
  /** An item was pushed to someone. Requires an item. */
  public static final UsageEventType PUSH_SHOWN = new UsageEventType("push-shown");
  /** Someone accepted (opened or used) a pushed item. Requires an item. */
  public static final UsageEventType PUSH_ACCEPTED = new UsageEventType("push-accepted");
  /** Someone dismissed a pushed item. Requires an item. */
  public static final UsageEventType PUSH_DISMISSED = new UsageEventType("push-dismissed");
  /** Someone asked a question (the question text as the query). Requires the query. */
  public static final UsageEventType QUESTION_ASKED = new UsageEventType("question-asked");
  /** Someone answered a question with an item. Requires an item. */
  public static final UsageEventType ANSWERED = new UsageEventType("answered");
  /** An answer was accepted as solving the question. Requires an item. */
  public static final UsageEventType ACCEPTED = new UsageEventType("accepted");
  /** Someone contributed (created or substantially revised) an item. Requires an item. */
  public static final UsageEventType CONTRIBUTE = new UsageEventType("contribute");
  /** Someone verified an item as correct. Requires an item. */
  public static final UsageEventType VERIFY = new UsageEventType("verify");

  private static final Set<String> ITEM_TYPES =
      Set.of("view", "click", "reuse", "rate", "helpful", "push-shown", "push-accepted", "push-dismissed",
          "answered", "accepted", "contribute", "verify");

  /**
   * Validates.
   *
   * @param name 1 to 64 characters of {@code a-z 0-9 -}, starting with a letter
   * @throws io.zhiku.core.ValidationException if the name is malformed
   */
  public UsageEventType {
    Checks.token("UsageEventType.name", name);
  }

  /**
   * The type with this name, well-known or not.
   *
   * @param name the type's name
   * @return the type
   * @throws io.zhiku.core.ValidationException if the name is malformed
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static UsageEventType of(String name) {
    return new UsageEventType(name);
  }

  /**
   * Whether events of this type must name an item.
   *
   * @return {@code true} for view, click, reuse, rate, helpful, push-*, answered, accepted, contribute, verify
   */
  public boolean requiresItem() {
    return ITEM_TYPES.contains(name);
  }

  /**
   * Whether events of this type must carry a query (and, for searches, a result count).
   *
   * @return {@code true} for search and question-asked
   */
  public boolean requiresQuery() {
    return equals(SEARCH) || equals(QUESTION_ASKED);
  }

  /**
   * Whether events of this type must carry a value.
   *
   * @return {@code true} for rate
   */
  public boolean requiresValue() {
    return equals(RATE);
  }

  @Override
  public String toString() {
    return name;
  }
}
