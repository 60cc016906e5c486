package io.zhiku.push;

import io.zhiku.core.ValidationException;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Checks;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a {@link PushRule} applies: a test of a {@link WorkContext}, combined with and / or / not.
 *
 * <p>A field is {@code role} (the context's role or any of the principal's roles), {@code process},
 * {@code stage}, {@code concept} (the context's explicit concepts), or any other key, which names a
 * context attribute such as {@code industry}. Values: immutable and thread-safe.
 */
public sealed interface RuleCondition {
  /** The deepest nesting of conditions. */
  int MAX_DEPTH = 16;
  /** The most conditions or values in one list. */
  int MAX_ENTRIES = 64;

  /**
   * Whether a work context meets the condition.
   *
   * @param context the context
   * @return whether the rule applies
   */
  boolean test(WorkContext context);

  /**
   * The condition in words, for reasons: {@code "stage is proposal and industry is education"}.
   *
   * @return the description
   */
  String describe();

  /**
   * A field has one of the values.
   *
   * @param field the field
   * @param values the values (at least one)
   * @return the condition
   */
  static RuleCondition is(String field, String... values) {
    return new Is(field, Set.of(values));
  }

  /**
   * All conditions hold.
   *
   * @param conditions the conditions (at least one)
   * @return the condition
   */
  static RuleCondition allOf(RuleCondition... conditions) {
    return new AllOf(Arrays.asList(conditions));
  }

  /**
   * At least one condition holds.
   *
   * @param conditions the conditions (at least one)
   * @return the condition
   */
  static RuleCondition anyOf(RuleCondition... conditions) {
    return new AnyOf(Arrays.asList(conditions));
  }

  /**
   * The condition does not hold.
   *
   * @param condition the condition
   * @return its negation
   */
  static RuleCondition not(RuleCondition condition) {
    return new Not(condition);
  }

  /**
   * A field of the context has one of the values.
   *
   * @param field {@code role}, {@code process}, {@code stage}, {@code concept} or an attribute key
   * @param values one to {@value #MAX_ENTRIES} values
   */
  record Is(String field, Set<String> values) implements RuleCondition {
    /**
     * Validates and copies.
     *
     * @param field {@code role}, {@code process}, {@code stage}, {@code concept} or an attribute key
     * @param values one to {@value #MAX_ENTRIES} values
     * @throws ValidationException if the field is not a key or there are no values
     */
    public Is {
      Checks.key("RuleCondition.field", field);
      values = Checks.lines("RuleCondition.values", values, MAX_ENTRIES, WorkContext.MAX_ATTRIBUTE_CHARS);
      if (values.isEmpty()) {
        throw new ValidationException("RuleCondition.values", "[]", "a condition on \"" + field + "\" needs a value");
      }
    }

    @Override
    public boolean test(WorkContext c) {
      return switch (field) {
        case "role" -> values.contains(c.role()) || c.principal().roles().stream().anyMatch(values::contains);
        case "process" -> values.contains(c.process());
        case "stage" -> values.contains(c.stage());
        case "concept" -> c.concepts().stream().anyMatch(values::contains);
        default -> values.contains(c.attribute(field));
      };
    }

    @Override
    public String describe() {
      return field + " is " + String.join(" or ", values);
    }
  }

  /**
   * All conditions hold.
   *
   * @param conditions one to {@value #MAX_ENTRIES} conditions
   */
  record AllOf(List<RuleCondition> conditions) implements RuleCondition {
    /**
     * Validates and copies.
     *
     * @param conditions one to {@value #MAX_ENTRIES} conditions
     * @throws ValidationException if the list is empty or too long
     */
    public AllOf {
      conditions = checked("RuleCondition.allOf", conditions);
    }

    @Override
    public boolean test(WorkContext c) {
      return conditions.stream().allMatch(x -> x.test(c));
    }

    @Override
    public String describe() {
      return join(conditions, " and ", AnyOf.class);
    }
  }

  /**
   * At least one condition holds.
   *
   * @param conditions one to {@value #MAX_ENTRIES} conditions
   */
  record AnyOf(List<RuleCondition> conditions) implements RuleCondition {
    /**
     * Validates and copies.
     *
     * @param conditions one to {@value #MAX_ENTRIES} conditions
     * @throws ValidationException if the list is empty or too long
     */
    public AnyOf {
      conditions = checked("RuleCondition.anyOf", conditions);
    }

    @Override
    public boolean test(WorkContext c) {
      return conditions.stream().anyMatch(x -> x.test(c));
    }

    @Override
    public String describe() {
      return join(conditions, " or ", AllOf.class);
    }
  }

  /**
   * The condition does not hold.
   *
   * @param condition the condition
   */
  record Not(RuleCondition condition) implements RuleCondition {
    /**
     * Validates.
     *
     * @param condition the condition
     * @throws ValidationException if the condition is missing or nested too deep
     */
    public Not {
      Checks.present("RuleCondition.not", condition);
      checkDepth("RuleCondition.not", List.of(condition));
    }

    @Override
    public boolean test(WorkContext c) {
      return !condition.test(c);
    }

    @Override
    public String describe() {
      return "not (" + condition.describe() + ")";
    }
  }

  /** The conditions in words, those of the other combination in parentheses. */
  private static String join(List<RuleCondition> conditions, String word, Class<?> bracketed) {
    return conditions.stream().map(x -> bracketed.isInstance(x) ? "(" + x.describe() + ")" : x.describe())
        .collect(Collectors.joining(word));
  }

  private static List<RuleCondition> checked(String field, List<RuleCondition> conditions) {
    List<RuleCondition> copy = Checks.list(field, conditions, MAX_ENTRIES);
    if (copy.isEmpty()) {
      throw new ValidationException(field, "[]", "needs at least one condition");
    }
    checkDepth(field, copy);
    return copy;
  }

  private static void checkDepth(String field, List<RuleCondition> children) {
    int depth = 1 + children.stream().mapToInt(RuleCondition::depth).max().orElse(0);
    if (depth > MAX_DEPTH) {
      throw new ValidationException(field, depth, "conditions nest at most " + MAX_DEPTH + " deep");
    }
  }

  private static int depth(RuleCondition c) {
    if (c instanceof AllOf all) {
      return 1 + all.conditions().stream().mapToInt(RuleCondition::depth).max().orElse(0);
    }
    if (c instanceof AnyOf any) {
      return 1 + any.conditions().stream().mapToInt(RuleCondition::depth).max().orElse(0);
    }
    if (c instanceof Not not) {
      return 1 + depth(not.condition());
    }
    return 1;
  }
}
