package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.testkit.Seeded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Search input as an attacker or a careless host would send it, through the public API only: query
 * syntax and nesting, sizes around every limit, Unicode (lone surrogates, controls, combining marks,
 * full-width forms, emoji), cursors (forged, truncated, from another request), filter values, page
 * sizes and instants. Each request is either refused when built or when run with a {@link
 * ValidationException}, or answered with a result whose hits the principal may read; nothing else
 * (no other exception, no error) may come out. How long the worst inputs take is measured by
 * {@code HostileInputBenchmark}, not timed here.
 */
@Seeded
class HostileSearchInputTest {
  private static final Principal READER = Principal.of("reader", List.of("g1"), List.of());
  private static final String SYNTAX = "\"+-():*?~^[]{}\\/!&|#@%<>=,.;'`";
  private static final String[] UNICODE = {"知识", "管理", "認證", "ＡＢＣ", "😀", "\uD800", "\uDC00", "\u0000", "\u0007",
      "\u202E", "e\u0301", "\uFEFF", "\u3000", "\t", "\n", "\r", "ß", "İ", "ı", "Ⅻ", "①", "\uFFFF", "\uFFFE"};
  private static final String[] WORDS = {"knowledge", "campus", "OR", "AND", "NOT", "title:x", "id:*", "acl_all:yes", "*", "a*",
      "\"\"", "\"unclosed", "+", "-", "--x", "++y", "(", ")", "((((", "))))"};
  private static KnowledgeBase kb;
  private static final List<String> REAL_CURSORS = new ArrayList<>();

  @BeforeAll
  static void open() {
    Taxonomy taxonomy = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "S"))
        .concept(Concept.builder("c1", "s").prefLabel("en", "Campus").build()).build();
    kb = KnowledgeBase.builder().taxonomy(taxonomy).build();
    List<KnowledgeItem> items = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      items.add(KnowledgeItem.builder("i" + i, i % 2 == 0 ? ItemKind.FAQ : ItemKind.SOLUTION, "knowledge item " + i + " 知识管理")
          .body("campus network " + i + " 校园网络 認證").concepts("c1").tags("t" + i % 3).authors("a" + i % 4)
          .acl(i % 3 == 0 ? Acl.groups("g1") : i % 3 == 1 ? Acl.PUBLIC : Acl.NOBODY).build());
    }
    kb.putAll(items);
    kb.refresh();
    for (SearchResult page = kb.search(SearchRequest.builder(READER).text("knowledge").pageSize(7).build());
        page.nextCursor() != null; page = kb.search(SearchRequest.builder(READER).text("knowledge").pageSize(7).after(page.nextCursor()).build())) {
      REAL_CURSORS.add(page.nextCursor());
    }
  }

  @AfterAll
  static void close() {
    kb.close();
  }

  private static String text(Random r, int maxParts) {
    StringBuilder s = new StringBuilder();
    for (int k = r.nextInt(maxParts + 1); k > 0; k--) {
      switch (r.nextInt(5)) {
        case 0 -> s.append(SYNTAX.charAt(r.nextInt(SYNTAX.length())));
        case 1 -> s.append(UNICODE[r.nextInt(UNICODE.length)]);
        case 2 -> s.append(WORDS[r.nextInt(WORDS.length)]);
        case 3 -> s.append(' ');
        default -> s.append((char) r.nextInt(0x10000));
      }
    }
    return s.toString();
  }

  private static String longText(Random r) {
    String unit = switch (r.nextInt(4)) {
      case 0 -> "知";
      case 1 -> "a ";
      case 2 -> "(";
      default -> "\"x\" ";
    };
    int length = SearchRequest.MAX_TEXT_CHARS - 2 + r.nextInt(5);
    return unit.repeat(length / unit.length() + 1).substring(0, length);
  }

  private static String cursor(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> REAL_CURSORS.isEmpty() ? null : REAL_CURSORS.get(r.nextInt(REAL_CURSORS.size()));
      case 1 -> {
        String c = REAL_CURSORS.isEmpty() ? "x" : REAL_CURSORS.get(r.nextInt(REAL_CURSORS.size()));
        yield c.substring(0, r.nextInt(c.length() + 1));
      }
      case 2 -> {
        byte[] bytes = new byte[r.nextInt(64)];
        r.nextBytes(bytes);
        yield Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      }
      case 3 -> text(r, 10);
      case 4 -> "x".repeat(4090 + r.nextInt(10));
      default -> null;
    };
  }

  private static Instant instant(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> null;
      case 1 -> r.nextBoolean() ? Instant.MIN : Instant.MAX;
      case 2 -> Instant.ofEpochMilli(r.nextLong());
      case 3 -> Instant.ofEpochSecond(r.nextInt(), r.nextInt(1_000_000_000));
      default -> Instant.parse("2026-01-01T00:00:00Z").plusSeconds(r.nextInt(1_000_000) - 500_000L);
    };
  }

  /** Builds and runs; returns what happened, failing on anything undocumented. */
  private static <T> T attempt(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ValidationException documented) {
      assertTrue(documented.getMessage().contains(documented.field()), documented.getMessage());
      return null;
    } catch (RuntimeException | Error other) {
      fail("undocumented " + other + " for " + what, other);
      return null;
    }
  }

  @RepeatedTest(20)
  void randomSearches_giveAReadableResultOrAValidationException(Random r) {
    for (int i = 0; i < 150; i++) {
      String text = r.nextInt(10) == 0 ? longText(r) : text(r, 30);
      String cursor = r.nextInt(3) == 0 ? cursor(r) : null;
      int pageSize = switch (r.nextInt(4)) {
        case 0 -> r.nextInt();
        case 1 -> new int[] {-1, 0, 1, SearchRequest.MAX_PAGE_SIZE, SearchRequest.MAX_PAGE_SIZE + 1}[r.nextInt(5)];
        default -> 1 + r.nextInt(20);
      };
      Instant from = instant(r);
      Instant before = instant(r);
      String filterValue = r.nextBoolean() ? "t" + r.nextInt(3) : text(r, 4);
      String what = "text=" + text + " cursor=" + cursor + " page=" + pageSize + " from=" + from + " before=" + before
          + " filter=" + filterValue;
      SearchRequest request = attempt(what, () -> {
        SearchRequest.Builder b = SearchRequest.builder(READER).text(text).pageSize(pageSize).updated(from, before).after(cursor);
        switch (r.nextInt(6)) {
          case 0 -> b.tags(filterValue);
          case 1 -> b.authors(filterValue);
          case 2 -> b.concepts(filterValue);
          case 3 -> b.attribute(filterValue, filterValue);
          case 4 -> b.facets(filterValue);
          default -> b.statuses(ItemStatus.PUBLISHED).kinds(ItemKind.FAQ);
        }
        if (r.nextBoolean()) {
          b.order(SearchRequest.Order.NEWEST);
        }
        return b.build();
      });
      if (request == null) {
        continue;
      }
      SearchResult result = attempt(what, () -> kb.search(request));
      if (result != null) {
        result.hits().forEach(h -> assertEquals(true, h.item().acl().permits(READER), "hit " + h.item().id() + " for " + what));
        assertTrue(result.totalHits() >= result.hits().size(), what);
      }
    }
  }

  @RepeatedTest(10)
  void randomSuggestionsAndSimilarText_giveReadableAnswersOrAValidationException(Random r) {
    for (int i = 0; i < 100; i++) {
      String prefix = r.nextInt(8) == 0 ? "x".repeat(SuggestRequest.MAX_PREFIX_CHARS - 1 + r.nextInt(3)) : text(r, 12);
      int limit = r.nextInt(4) == 0 ? r.nextInt() : 1 + r.nextInt(SuggestRequest.MAX_LIMIT);
      var suggestions = attempt("prefix=" + prefix + " limit=" + limit, () -> kb.suggest(new SuggestRequest(READER, prefix, limit)));
      if (suggestions != null) {
        assertTrue(suggestions.size() <= limit);
      }
      String text = r.nextInt(10) == 0 ? longText(r).repeat(60) : text(r, 40);
      int n = r.nextInt(4) == 0 ? r.nextInt() : 1 + r.nextInt(200);
      var similar = attempt("similar to " + text + " limit=" + n, () -> kb.similarToText(READER, text, n));
      if (similar != null) {
        similar.forEach(s -> assertEquals(true, s.item().acl().permits(READER), "similar " + s.item().id()));
      }
    }
  }
}
