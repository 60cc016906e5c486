package io.zhiku.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.json.JsonFormatException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushRulesTest {
  private static final Principal ALICE = Principal.of("alice", List.of(), List.of("industry-manager"));

  private static WorkContext ctx(String stage, String industry) {
    WorkContext.Builder b = WorkContext.builder(ALICE, Instant.EPOCH).stage(stage).concepts("crm");
    if (industry != null) {
      b.attribute("industry", industry);
    }
    return b.build();
  }

  @Test
  void json_roundTrips_andConditionsCombine() {
    String json = """
        [{"id": "edu", "description": "proposal stage in education",
          "when": {"any": [{"stage": "proposal", "industry": ["education", "k12"]}, {"not": {"role": "industry-manager"}}]},
          "items": ["a"], "concepts": "c", "weight": 2.5},
         {"id": "crm", "when": {"concept": "crm"}, "items": ["b"]}]""";
    List<PushRule> rules = PushRules.fromJson(json);
    assertEquals(2, rules.size());
    PushRule edu = rules.get(0);
    assertEquals(List.of("c"), edu.concepts());
    assertEquals(2.5, edu.weight());
    assertTrue(edu.when().test(ctx("proposal", "k12")));
    assertFalse(edu.when().test(ctx("proposal", "health")));
    assertFalse(edu.when().test(ctx("delivery", "k12")), "alice is an industry manager: the not() fails too");
    assertEquals("(stage is proposal and industry is education or k12) or not (role is industry-manager)", edu.when().describe());
    assertEquals("proposal stage in education", edu.purpose());
    assertEquals("concept is crm", rules.get(1).purpose());
    assertTrue(rules.get(1).when().test(ctx("any", null)));
    assertEquals(rules, PushRules.fromJson(PushRules.toJson(rules)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"id\": \"r\"}                                                      | must be a JSON array",
      "[{\"id\": \"r\", \"items\": [\"a\"]}]                                | rules[0] (id \"r\").when",
      "[{\"id\": \"r\", \"when\": {}, \"items\": [\"a\"]}]                  | rules[0] (id \"r\").when",
      "[{\"id\": \"r\", \"when\": {\"stage\": \"p\"}}]                      | at least one item or concept",
      "[{\"id\": \"r\", \"when\": {\"stage\": \"p\"}, \"items\": [\"a\"], \"weight\": -1}] | weight",
      "[{\"id\": \"r\", \"when\": {\"stage\": \"p\"}, \"items\": [\"a\"], \"wieght\": 1}]  | is not a rule field",
      "[{\"id\": \"r\", \"when\": {\"all\": []}, \"items\": [\"a\"]}]       | rules[0] (id \"r\").when.all",
      "[{\"id\": \"r\", \"when\": {\"stage\": 3}, \"items\": [\"a\"]}]      | rules[0] (id \"r\").when.stage",
      "[{\"id\": \"r\", \"when\": {\"Bad Key\": \"x\"}, \"items\": [\"a\"]}] | rules[0] (id \"r\")",
      "[{\"id\": \"r\", \"when\": {\"stage\": \"p\"}, \"items\": [\"a\"]}, {\"id\": \"r\", \"when\": {\"stage\": \"p\"}, \"items\": [\"b\"]}] | two rules share this id",
  })
  void badRules_areRefused_namingTheRuleAndField(String json, String expected) {
    ValidationException e = assertThrows(ValidationException.class, () -> PushRules.fromJson(json));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void deepNesting_andMalformedJson_areRefused() {
    String deep = "{\"not\": ".repeat(20) + "{\"stage\": \"p\"}" + "}".repeat(20);
    ValidationException e = assertThrows(ValidationException.class,
        () -> PushRules.fromJson("[{\"id\": \"r\", \"when\": " + deep + ", \"items\": [\"a\"]}]"));
    assertTrue(e.getMessage().contains("nest at most 16"), e.getMessage());
    assertThrows(JsonFormatException.class, () -> PushRules.fromJson("[{"));
  }
}
