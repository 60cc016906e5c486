package io.zhiku.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhiku.core.ValidationException;
import io.zhiku.core.json.ZhikuJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@link PushRule}s as JSON, so that a knowledge officer can keep the static knowledge
 * map in a file. The format is an array of rules:
 *
 * <pre>{@code
 * [{"id": "edu-proposal",
 *   "description": "proposal stage in the education industry",
 *   "when": {"all": [{"stage": "proposal"}, {"industry": ["education", "k12"]}]},
 *   "items": ["smart-campus-template"],
 *   "concepts": ["education-solutions"],
 *   "weight": 1}]
 * }</pre>
 *
 * <p>A condition is an object: {@code {"all": [...]}}, {@code {"any": [...]}}, {@code {"not": {...}}}, or
 * fields with a value or an array of values ({@code {"stage": "proposal", "industry": "education"}} means
 * both). {@code description}, {@code items}, {@code concepts} and {@code weight} (default 1) may be left
 * out; a rule names at least one item or concept. Stateless and thread-safe.
 */
public final class PushRules {
  /** The most rules in one document. */
  public static final int MAX_RULES = 10_000;

  private PushRules() {}

  /**
   * Reads rules.
   *
   * @param json the JSON array
   * @return the rules, in order
   * @throws io.zhiku.core.json.JsonFormatException if the text is not well-formed JSON
   * @throws ValidationException naming the rule (its position and id) and the field if a rule is invalid,
   *     or if two rules share an id
   */
  public static List<PushRule> fromJson(String json) {
    JsonNode root = ZhikuJson.read(json, JsonNode.class);
    if (!root.isArray()) {
      throw new ValidationException("rules", root.getNodeType(), "must be a JSON array of rules");
    }
    if (root.size() > MAX_RULES) {
      throw new ValidationException("rules", root.size(), "at most " + MAX_RULES + " rules");
    }
    List<PushRule> out = new ArrayList<>(root.size());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode r = root.get(i);
      String where = "rules[" + i + "]";
      if (!r.isObject()) {
        throw new ValidationException(where, r.getNodeType(), "must be an object");
      }
      String id = text(r.get("id"), where + ".id");
      where = where + " (id \"" + id + "\")";
      for (Iterator<String> names = r.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!Set.of("id", "description", "when", "items", "concepts", "weight").contains(name)) {
          throw new ValidationException(where + "." + name, name,
              "is not a rule field (id, description, when, items, concepts, weight)");
        }
      }
      if (!ids.add(id)) {
        throw new ValidationException(where + ".id", id, "two rules share this id");
      }
      JsonNode weight = r.get("weight");
      if (weight != null && !weight.isNumber()) {
        throw new ValidationException(where + ".weight", weight, "must be a number");
      }
      try {
        out.add(new PushRule(id, r.hasNonNull("description") ? text(r.get("description"), where + ".description") : null,
            condition(r.get("when"), where + ".when", 1), strings(r.get("items"), where + ".items"),
            strings(r.get("concepts"), where + ".concepts"), weight == null ? 1 : weight.asDouble()));
      } catch (ValidationException e) {
        if (e.getMessage().startsWith(where)) {
          throw e;
        }
        throw new ValidationException(where, id, e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  private static RuleCondition condition(JsonNode node, String where, int depth) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      throw new ValidationException(where, node == null ? null : node.toString(), "must be a non-empty condition object");
    }
    if (depth > RuleCondition.MAX_DEPTH) {
      throw new ValidationException(where, depth, "conditions nest at most " + RuleCondition.MAX_DEPTH + " deep");
    }
    List<RuleCondition> parts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String key = f.getKey();
      JsonNode v = f.getValue();
      switch (key) {
        case "all", "any" -> {
          if (!v.isArray() || v.isEmpty()) {
            throw new ValidationException(where + "." + key, v.toString(), "must be a non-empty array of conditions");
          }
          List<RuleCondition> children = new ArrayList<>();
          for (int i = 0; i < v.size(); i++) {
            children.add(condition(v.get(i), where + "." + key + "[" + i + "]", depth + 1));
          }
          parts.add(key.equals("all") ? new RuleCondition.AllOf(children) : new RuleCondition.AnyOf(children));
        }
        case "not" -> parts.add(new RuleCondition.Not(condition(v, where + ".not", depth + 1)));
        default -> parts.add(new RuleCondition.Is(key, new java.util.LinkedHashSet<>(strings(v, where + "." + key))));
      }
    }
    return parts.size() == 1 ? parts.get(0) : new RuleCondition.AllOf(parts);
  }

  private static String text(JsonNode node, String where) {
    if (node == null || !node.isTextual()) {
      throw new ValidationException(where, node == null ? null : node.toString(), "must be a string");
    }
    return node.asText();
  }

  private static List<String> strings(JsonNode node, String where) {
    if (node == null) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    if (!node.isArray()) {
      throw new ValidationException(where, node.toString(), "must be a string or an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(text(node.get(i), where + "[" + i + "]"));
    }
    return out;
  }

  /**
   * Writes rules in the format {@link #fromJson(String)} reads.
   *
   * @param rules the rules
   * @return the JSON array
   */
  public static String toJson(List<PushRule> rules) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (PushRule r : rules) {
      ObjectNode o = out.addObject();
      o.put("id", r.id());
      if (r.description() != null) {
        o.put("description", r.description());
      }
      o.set("when", node(r.when()));
      r.items().forEach(o.withArray("items")::add);
      r.concepts().forEach(o.withArray("concepts")::add);
      o.put("weight", r.weight());
    }
    return ZhikuJson.write(out);
  }

  private static JsonNode node(RuleCondition c) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (c instanceof RuleCondition.Is is) {
      ArrayNode values = o.putArray(is.field());
      is.values().forEach(values::add);
    } else if (c instanceof RuleCondition.AllOf all) {
      all.conditions().forEach(x -> o.withArray("all").add(node(x)));
    } else if (c instanceof RuleCondition.AnyOf any) {
      any.conditions().forEach(x -> o.withArray("any").add(node(x)));
    } else if (c instanceof RuleCondition.Not not) {
      o.set("not", node(not.condition()));
    }
    return o;
  }
}
