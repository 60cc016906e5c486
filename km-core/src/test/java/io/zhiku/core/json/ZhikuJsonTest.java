package io.zhiku.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZhikuJsonTest {
  @Test
  void read_literalNull_isRefusedNotReturned() {
    for (String json : new String[] {"null", " null ", "\nnull\n"}) {
      JsonFormatException e = assertThrows(JsonFormatException.class, () -> ZhikuJson.read(json, io.zhiku.core.item.KnowledgeItem.class));
      assertTrue(e.getMessage().contains("the document is null, not a KnowledgeItem"), e.getMessage());
      assertThrows(JsonFormatException.class, () -> ZhikuJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Acl.class));
    }
  }

  @Test
  void deepNesting_refusedBeforeItCanHurt() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    JsonFormatException e = assertThrows(JsonFormatException.class, () -> ZhikuJson.read(deep, Object.class));
    assertTrue(e.getMessage().contains("depth"), e.getMessage());
  }

  @Test
  void duplicateField_refused() {
    String json = "{\"userId\":\"a\",\"userId\":\"b\"}";
    JsonFormatException e = assertThrows(JsonFormatException.class, () -> ZhikuJson.read(json, Principal.class));
    assertTrue(e.getMessage().contains("userId"), e.getMessage());
  }

  @Test
  void trailingContent_refused() {
    assertThrows(JsonFormatException.class, () -> ZhikuJson.read("{\"userId\":\"a\"} {}", Principal.class));
  }

  @Test
  void malformed_reportsLineAndColumn() {
    JsonFormatException e = assertThrows(JsonFormatException.class,
        () -> ZhikuJson.read("{\n  \"userId\": nope\n}", Principal.class));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void unknownField_pathNamed() {
    JsonFormatException e = assertThrows(JsonFormatException.class,
        () -> ZhikuJson.read("{\"everyone\":false,\"users\":[\"a\"],\"admins\":[\"x\"]}", Acl.class));
    assertTrue(e.getMessage().contains("admins"), e.getMessage());
    assertEquals("admins", e.path());
  }

  @Test
  void defaultTyping_off_classNamesMeanNothing() {
    Object o = ZhikuJson.read("[\"java.net.URL\", \"http://example.org\"]", Object.class);
    assertEquals(java.util.List.of("java.net.URL", "http://example.org"), o);
  }

  @Test
  void stream_read() {
    Principal p = ZhikuJson.read(
        new ByteArrayInputStream("{\"userId\":\"a\"}".getBytes(StandardCharsets.UTF_8)), Principal.class);
    assertEquals(Principal.of("a"), p);
  }

  @Test
  void bytes_read_onlyTheSliceGiven() {
    byte[] framed = "xx{\"名\":\"用户\"}yy".getBytes(StandardCharsets.UTF_8);
    int length = framed.length - 4;
    assertEquals(java.util.Map.of("名", "用户"), ZhikuJson.read(framed, 2, length, Object.class), "UTF-8 decoded");
    assertThrows(JsonFormatException.class, () -> ZhikuJson.read(framed, 2, length + 1, Object.class),
        "the byte after the slice is trailing content");
    byte[] principal = "{\"userId\":\"a\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(Principal.of("a"), ZhikuJson.read(principal, 0, principal.length, Principal.class));
    byte[] nul = "null".getBytes(StandardCharsets.UTF_8);
    assertThrows(JsonFormatException.class, () -> ZhikuJson.read(nul, 0, nul.length, Principal.class));
    byte[] unknown = "{\"userId\":\"a\",\"x\":1}".getBytes(StandardCharsets.UTF_8);
    JsonFormatException e = assertThrows(JsonFormatException.class,
        () -> ZhikuJson.read(unknown, 0, unknown.length, Principal.class));
    assertTrue(e.getMessage().contains("x"), e.getMessage());
  }

  @Test
  void newMapper_isIndependent() {
    var mine = ZhikuJson.newMapper();
    mine.disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    assertThrows(JsonFormatException.class, () -> ZhikuJson.read("{\"userId\":\"a\",\"x\":1}", Principal.class));
    assertEquals(Map.of("userId", "a"), ZhikuJson.read("{\"userId\":\"a\"}", Map.class));
  }
}
