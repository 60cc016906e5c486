package io.zhiku.metrics.kpi;

import io.zhiku.core.ValidationException;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.internal.Checks;
import io.zhiku.metrics.compare.KpiDirection;
import java.time.Duration;
import java.util.Set;

/**
 * What a KPI is: its id, its name and definition in words, its formula, its unit, which way is better,
 * and what it reads. Reports print all of it beside the figures, so a reader can check what a number
 * means.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param id a token ({@code a-z 0-9 -}, 1 to 64 characters, starting with a letter), unique in a catalogue
 * @param name a short name, e.g. "Knowledge reuse rate" (1 to 100 characters)
 * @param definition what it measures, in a sentence or two (1 to 1,000 characters)
 * @param formula how it is computed, e.g. "items reused by a non-author ÷ published items" (1 to 500)
 * @param unit what the value measures
 * @param direction which way is better
 * @param events the event types it reads; empty if it reads none (item KPIs) or if {@code everyEvent}
 * @param everyEvent whether it reads every event whatever its type (active users)
 * @param usesItems whether it reads the items (their authors, concepts, review dates)
 * @param lookahead how far past the period's end it needs to see events (a search at the end of a
 *     month succeeds by a click just after it); {@link Duration#ZERO} for none, at most 31 days
 */
public record KpiDefinition(String id, String name, String definition, String formula, KpiUnit unit,
    KpiDirection direction, Set<UsageEventType> events, boolean everyEvent, boolean usesItems, Duration lookahead) {
  /** The longest lookahead. */
  public static final Duration MAX_LOOKAHEAD = Duration.ofDays(31);

  /**
   * Validates and copies.
   *
   * @param id a token ({@code a-z 0-9 -}, 1 to 64 characters, starting with a letter), unique in a catalogue
   * @param name a short name, e.g. "Knowledge reuse rate" (1 to 100 characters)
   * @param definition what it measures, in a sentence or two (1 to 1,000 characters)
   * @param formula how it is computed, e.g. "items reused by a non-author ÷ published items" (1 to 500)
   * @param unit what the value measures
   * @param direction which way is better
   * @param events the event types it reads; empty if it reads none (item KPIs) or if {@code everyEvent}
   * @param everyEvent whether it reads every event whatever its type (active users)
   * @param usesItems whether it reads the items (their authors, concepts, review dates)
   * @param lookahead how far past the period's end it needs to see events (a search at the end of a
   *     month succeeds by a click just after it); {@link Duration#ZERO} for none, at most 31 days
   * @throws ValidationException if a part is missing or malformed
   */
  public KpiDefinition {
    Checks.token("KpiDefinition.id", id);
    name = Checks.line("KpiDefinition.name", name, 100);
    definition = Checks.line("KpiDefinition.definition", definition, 1000);
    formula = Checks.line("KpiDefinition.formula", formula, 500);
    Checks.present("KpiDefinition.unit", unit);
    Checks.present("KpiDefinition.direction", direction);
    events = Set.copyOf(Checks.present("KpiDefinition.events", events));
    Checks.present("KpiDefinition.lookahead", lookahead);
    if (lookahead.isNegative() || lookahead.compareTo(MAX_LOOKAHEAD) > 0) {
      throw new ValidationException("KpiDefinition.lookahead", lookahead, "from 0 to " + MAX_LOOKAHEAD);
    }
    if (everyEvent && !events.isEmpty()) {
      throw new ValidationException("KpiDefinition.events", events, "must be empty when everyEvent is set (it reads every type)");
    }
  }

  /**
   * Starts a definition.
   *
   * @param id the KPI's id
   * @param name its short name
   * @param unit what the value measures
   * @param direction which way is better
   * @return a builder; set the definition and formula before building
   */
  public static Builder builder(String id, String name, KpiUnit unit, KpiDirection direction) {
    return new Builder(id, name, unit, direction);
  }

  /** Builds {@link KpiDefinition}s. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final String name;
    private final KpiUnit unit;
    private final KpiDirection direction;
    private String definition;
    private String formula;
    private Set<UsageEventType> events = Set.of();
    private boolean everyEvent;
    private boolean usesItems;
    private Duration lookahead = Duration.ZERO;

    private Builder(String id, String name, KpiUnit unit, KpiDirection direction) {
      this.id = id;
      this.name = name;
      this.unit = unit;
      this.direction = direction;
    }

    /**
     * @param text what the KPI measures
     * @param howComputed its formula
     * @return this builder
     */
    public Builder describe(String text, String howComputed) {
      this.definition = text;
      this.formula = howComputed;
      return this;
    }

    /**
     * @param types the event types it reads
     * @return this builder
     */
    public Builder events(UsageEventType... types) {
      this.events = Set.of(types);
      return this;
    }

    /** @return this builder, for a KPI that reads every event */
    public Builder everyEvent() {
      this.everyEvent = true;
      return this;
    }

    /** @return this builder, for a KPI that reads the items */
    public Builder usesItems() {
      this.usesItems = true;
      return this;
    }

    /**
     * @param past how far past the period's end it reads events
     * @return this builder
     */
    public Builder lookahead(Duration past) {
      this.lookahead = past;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the definition
     * @throws ValidationException if a part is missing or malformed
     */
    public KpiDefinition build() {
      return new KpiDefinition(id, name, definition, formula, unit, direction, events, everyEvent, usesItems, lookahead);
    }
  }
}
