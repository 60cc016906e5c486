package io.zhiku.push;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import java.util.List;

/**
 * A curated entry of the static knowledge map: when a work context meets the condition, these items,
 * and the newest items under these concepts, are recommended. ("At the proposal stage in the education
 * industry, push the smart-campus solution template.")
 *
 * <p>A value: immutable and thread-safe. Load many from JSON with {@link PushRules#fromJson(String)}.
 *
 * @param id the rule's id, which errors and reasons name
 * @param description what the rule is for, in business language ("proposal stage in the education
 *     industry"); {@code null} to describe the condition
 * @param when when it applies
 * @param items item ids to recommend, at most {@value #MAX_TARGETS}
 * @param concepts concept ids whose items (with descendants) to recommend, newest first, at most {@value
 *     #MAX_TARGETS}
 * @param weight how strongly, relative to other rules: finite and positive (1 is usual)
 */
public record PushRule(String id, String description, RuleCondition when, List<String> items, List<String> concepts,
    double weight) {
  /** The most items, and separately the most concepts, one rule may name. */
  public static final int MAX_TARGETS = 256;

  /**
   * Validates and copies.
   *
   * @param id the rule's id, which errors and reasons name
   * @param description what the rule is for, in business language ("proposal stage in the education
   *     industry"); {@code null} to describe the condition
   * @param when when it applies
   * @param items item ids to recommend, at most {@value #MAX_TARGETS}
   * @param concepts concept ids whose items (with descendants) to recommend, newest first, at most {@value
   *     #MAX_TARGETS}
   * @param weight how strongly, relative to other rules: finite and positive (1 is usual)
   * @throws ValidationException naming the rule if a part is missing or malformed, it names no item and
   *     no concept, or the weight is not finite and positive
   */
  public PushRule {
    Checks.id("PushRule.id", id);
    String field = "PushRule[" + id + "]";
    description = description == null ? null : Checks.line(field + ".description", description, 256);
    Checks.present(field + ".when", when);
    items = List.copyOf(Checks.ids(field + ".items", items, MAX_TARGETS));
    concepts = List.copyOf(Checks.ids(field + ".concepts", concepts, MAX_TARGETS));
    if (items.isEmpty() && concepts.isEmpty()) {
      throw new ValidationException(field, id, "a rule must name at least one item or concept");
    }
    if (!(weight > 0) || !Double.isFinite(weight)) {
      throw new ValidationException(field + ".weight", weight, "must be finite and positive");
    }
  }

  /**
   * A rule of weight 1 described by its condition.
   *
   * @param id the id
   * @param when when it applies
   * @param items the items to recommend
   * @return the rule
   */
  public static PushRule of(String id, RuleCondition when, String... items) {
    return new PushRule(id, null, when, List.of(items), List.of(), 1);
  }

  /**
   * What the rule is for: its description, or else its condition in words.
   *
   * @return the text reasons quote
   */
  public String purpose() {
    return description != null ? description : when.describe();
  }
}
