package io.zhiku.metrics.kpi;

import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.ItemKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The part of the organisation and of the knowledge a KPI is computed for. Every part is optional and
 * the parts combine with AND; {@link #ALL} has none.
 *
 * <p>How a segment selects:
 *
 * <ul>
 *   <li>events: {@code unit} is one of the acting person's groups when the event was recorded; {@code role}
 *       is the context's role or one of the person's roles; {@code attributes} are the work context's
 *       (e.g. {@code industry=education}); {@code concept} and {@code kind} are those of the event's item
 *       (the concept or a narrower one in the taxonomy), so events without an item (searches, cases,
 *       projects) never match a segment that names a concept or a kind;
 *   <li>items (coverage, freshness, the reuse rate's denominator): {@code unit} is the owner unit, and
 *       {@code concept} and {@code kind} as above; {@code role} and {@code attributes} do not apply.
 * </ul>
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param unit an organisational unit's id (a group id), or {@code null} for every unit
 * @param role a role's id, or {@code null}
 * @param concept a concept's id, or {@code null}
 * @param kind an item kind, or {@code null}
 * @param attributes work-context attributes an event must carry; empty for none
 */
public record KpiSegment(String unit, String role, String concept, ItemKind kind, Map<String, String> attributes) {
  /** Everyone and everything. */
  public static final KpiSegment ALL = new KpiSegment(null, null, null, null, Map.of());

  /**
   * Validates and copies.
   *
   * @param unit an organisational unit's id (a group id), or {@code null} for every unit
   * @param role a role's id, or {@code null}
   * @param concept a concept's id, or {@code null}
   * @param kind an item kind, or {@code null}
   * @param attributes work-context attributes an event must carry; empty for none
   * @throws io.zhiku.core.ValidationException if an id or attribute is malformed
   */
  public KpiSegment {
    unit = Checks.optionalId("KpiSegment.unit", unit);
    role = Checks.optionalId("KpiSegment.role", role);
    concept = Checks.optionalId("KpiSegment.concept", concept);
    Map<String, String> sorted = new TreeMap<>();
    Checks.map("KpiSegment.attributes", attributes, WorkContext.MAX_ATTRIBUTES).forEach((k, v) -> sorted.put(
        Checks.key("KpiSegment.attributes", k), Checks.line("KpiSegment.attributes[" + k + "]", v, WorkContext.MAX_ATTRIBUTE_CHARS)));
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
  }

  /**
   * The people of a unit.
   *
   * @param unitId the unit's group id
   * @return the segment
   */
  public static KpiSegment unit(String unitId) {
    return ALL.withUnit(unitId);
  }

  /**
   * The people acting in a role.
   *
   * @param roleId the role's id
   * @return the segment
   */
  public static KpiSegment role(String roleId) {
    return ALL.withRole(roleId);
  }

  /**
   * The knowledge under a concept (and its narrower concepts).
   *
   * @param conceptId the concept's id
   * @return the segment
   */
  public static KpiSegment concept(String conceptId) {
    return ALL.withConcept(conceptId);
  }

  /**
   * The knowledge of a kind.
   *
   * @param itemKind the kind
   * @return the segment
   */
  public static KpiSegment kind(ItemKind itemKind) {
    return ALL.withKind(itemKind);
  }

  /**
   * @param unitId the unit's group id, or {@code null}
   * @return this segment for that unit
   */
  public KpiSegment withUnit(String unitId) {
    return new KpiSegment(unitId, role, concept, kind, attributes);
  }

  /**
   * @param roleId the role's id, or {@code null}
   * @return this segment for that role
   */
  public KpiSegment withRole(String roleId) {
    return new KpiSegment(unit, roleId, concept, kind, attributes);
  }

  /**
   * @param conceptId the concept's id, or {@code null}
   * @return this segment for that concept
   */
  public KpiSegment withConcept(String conceptId) {
    return new KpiSegment(unit, role, conceptId, kind, attributes);
  }

  /**
   * @param itemKind the kind, or {@code null}
   * @return this segment for that kind
   */
  public KpiSegment withKind(ItemKind itemKind) {
    return new KpiSegment(unit, role, concept, itemKind, attributes);
  }

  /**
   * @param key a work-context attribute key, e.g. {@link WorkContext#INDUSTRY}
   * @param value its value
   * @return this segment, also requiring that attribute
   */
  public KpiSegment withAttribute(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(attributes);
    more.put(key, value);
    return new KpiSegment(unit, role, concept, kind, more);
  }

  /**
   * Whether the segment selects items by concept or kind, which events without an item never match.
   *
   * @return {@code true} if a concept or kind is set
   */
  public boolean selectsItems() {
    return concept != null || kind != null;
  }

  /**
   * The segment in words for reports, e.g. {@code "unit=sales-east, industry=education"}; {@code "all"}
   * for {@link #ALL}.
   *
   * @return the label
   */
  public String label() {
    StringJoiner j = new StringJoiner(", ");
    if (unit != null) {
      j.add("unit=" + unit);
    }
    if (role != null) {
      j.add("role=" + role);
    }
    if (concept != null) {
      j.add("concept=" + concept);
    }
    if (kind != null) {
      j.add("kind=" + kind.name());
    }
    attributes.forEach((k, v) -> j.add(k + "=" + v));
    return j.length() == 0 ? "all" : j.toString();
  }
}
