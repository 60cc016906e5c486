package io.zhiku.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import org.junit.jupiter.api.Test;

/** The request's own limits hold when it is built, before any engine sees the text. */
class SearchRequestTest {
  private static final Principal P = Principal.of("u1");

  @Test
  void text_overTheLimit_isRefusedWhenBuilt() {
    String mib = "a ".repeat(1 << 19); // 1 MiB of one-letter words
    ValidationException e = assertThrows(ValidationException.class, () -> SearchRequest.builder(P).text(mib).build());
    assertEquals("SearchRequest.text", e.field());
    assertTrue(e.getMessage().contains("is 1048576 characters, over the limit of 1000"), e.getMessage());
  }

  @Test
  void text_isCountedInCodePoints() {
    String han = "\uD840\uDC00".repeat(SearchRequest.MAX_TEXT_CHARS); // 1,000 supplementary characters, 2,000 chars
    assertEquals(SearchRequest.MAX_TEXT_CHARS, SearchRequest.builder(P).text(han).build().text().codePointCount(0, han.length()));
    assertThrows(ValidationException.class, () -> SearchRequest.builder(P).text(han + "x").build());
    assertEquals(1000, SearchRequest.builder(P).text("x".repeat(1000)).build().text().length());
  }
}
