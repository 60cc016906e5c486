package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.AttributeValue;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.spi.IndexSearch;
import io.zhiku.core.spi.Popularity;
import io.zhiku.testkit.Seeded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server-side filters on an in-process cluster (one node, a 2-shard collection): for seeded random
 * items, principals and requests, a query that matches everything, filtered by {@link SolrFilters},
 * returns exactly the live items the principal may read and the request selects, as a brute force over
 * the items decides; query text cannot widen it.
 */
@Seeded
class SolrFiltersTest {
  private static final String COLLECTION = "filters";
  private static final List<String> USERS = List.of("alice", "bob", "carol");
  private static final List<String> GROUPS = List.of("sales", "rd", "ops");
  private static final List<String> ROLES = List.of("account-manager", "engineer");
  private static final List<String> CONCEPTS = List.of("c1", "c2", "c3", "c4");
  private static final List<String> TAGS = List.of("5G", "campus, network", "云服务");
  private static final List<ItemKind> KINDS = List.of(ItemKind.SOLUTION, ItemKind.FAQ, ItemKind.CASE);
  private static int round;

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(1);

  @BeforeAll
  static void createCollection() {
    SOLR.collection(COLLECTION, 2, 1);
  }

  @RepeatedTest(5)
  void filteredQueries_returnExactlyWhatTheBruteForceAllows(Random r) throws Exception {
    String prefix = "r" + (round++) + "-";
    List<KnowledgeItem> items = new ArrayList<>();
    Set<String> deleted = new HashSet<>();
    UpdateRequest update = new UpdateRequest();
    for (int i = 0; i < 60; i++) {
      KnowledgeItem item = randomItem(r, prefix + i);
      items.add(item);
      boolean tombstone = r.nextInt(8) == 0;
      if (tombstone) {
        deleted.add(item.id());
      }
      update.add(SolrItems.document(tombstone ? new ItemChange.Delete(1, item.id(), 1) : new ItemChange.Put(1, item), 1));
    }
    update.process(SOLR.cluster().getSolrClient(), COLLECTION);
    SOLR.cluster().getSolrClient().commit(COLLECTION);
    for (int q = 0; q < 20; q++) {
      Principal p = Principal.of(pick(r, USERS), some(r, GROUPS), some(r, ROLES));
      SearchRequest.Builder b = SearchRequest.builder(p);
      List<Predicate<KnowledgeItem>> wanted = new ArrayList<>();
      List<Set<String>> groups = new ArrayList<>();
      if (r.nextBoolean()) {
        Set<String> group = new HashSet<>(some(r, CONCEPTS));
        group.add(pick(r, CONCEPTS));
        groups.add(group);
        wanted.add(i -> i.concepts().stream().anyMatch(group::contains));
      }
      if (r.nextInt(3) == 0) {
        ItemKind kind = pick(r, KINDS);
        b.kinds(kind);
        wanted.add(i -> i.kind().equals(kind));
      }
      if (r.nextInt(3) == 0) {
        String tag = pick(r, TAGS);
        b.tags(tag);
        wanted.add(i -> i.tags().contains(tag));
      }
      if (r.nextInt(3) == 0) {
        String author = pick(r, USERS);
        b.authors(author);
        wanted.add(i -> i.authors().contains(author));
      }
      if (r.nextInt(3) == 0) {
        String region = "r" + r.nextInt(3);
        b.attribute("region", region);
        wanted.add(i -> new AttributeValue.TextValue(region).equals(i.attributes().get("region")));
      }
      if (r.nextInt(3) == 0) {
        Instant from = Instant.ofEpochMilli(1_000_000L * r.nextInt(10));
        Instant before = from.plusMillis(1_000_000L * (1 + r.nextInt(5)));
        b.updated(from, before);
        wanted.add(i -> !i.updated().isBefore(from) && i.updated().isBefore(before));
      }
      Set<String> excluded = new HashSet<>();
      if (r.nextInt(3) == 0) {
        excluded.add(pick(r, items).id());
      }
      IndexSearch search = new IndexSearch(b.build(), groups, Map.of(), List.of(), Instant.EPOCH, Popularity.NONE, excluded);
      ModifiableSolrParams params = new ModifiableSolrParams();
      // Text that would widen access if it reached the filter: it is the query, and only the query.
      params.set("q", r.nextBoolean() ? "*:*" : "acl_everyone:false OR *:*");
      params.set("rows", 1000);
      params.set("fl", "id");
      params.add("fq", "id:" + prefix.replace("-", "\\-") + "*");
      SolrFilters.readable(params, p);
      SolrFilters.request(params, search);
      Set<String> got = new TreeSet<>();
      for (SolrDocument d : new QueryRequest(params).process(SOLR.cluster().getSolrClient(), COLLECTION).getResults()) {
        got.add((String) d.getFieldValue("id"));
      }
      Set<String> expected = new TreeSet<>();
      for (KnowledgeItem i : items) {
        if (!deleted.contains(i.id()) && !excluded.contains(i.id()) && i.acl().permits(p)
            && wanted.stream().allMatch(w -> w.test(i))) {
          expected.add(i.id());
        }
      }
      assertEquals(expected, got, () -> "principal " + p + ", request " + search);
    }
  }

  @org.junit.jupiter.api.Test
  void everyFilterForAPrincipal_keepsToLiveItems() {
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("q", "*:*");
    SolrFilters.readable(params, Principal.of("nobody-at-all"));
    assertFalse(params.getParams("fq").length == 0);
    assertEquals(List.of("-deleted:true", "-state:true"),
        List.of(params.getParams("fq")).subList(1, 3), "live items only, always");
  }

  private static KnowledgeItem randomItem(Random r, String id) {
    Acl acl = switch (r.nextInt(5)) {
      case 0 -> Acl.PUBLIC;
      case 1 -> Acl.users(pick(r, USERS));
      case 2 -> Acl.groups(pick(r, GROUPS));
      case 3 -> Acl.roles(pick(r, ROLES));
      default -> Acl.NOBODY;
    };
    Instant updated = Instant.ofEpochMilli(r.nextInt(10_000_000));
    KnowledgeItem.Builder b = KnowledgeItem.builder(id, pick(r, KINDS), "Item " + id).acl(acl)
        .concepts(some(r, CONCEPTS)).tags(some(r, TAGS).toArray(String[]::new)).authors(some(r, USERS).toArray(String[]::new))
        .status(r.nextBoolean() ? ItemStatus.PUBLISHED : ItemStatus.DRAFT);
    if (r.nextBoolean()) {
      b.attribute("region", "r" + r.nextInt(3));
    }
    return b.build().toBuilder().stored(updated, updated, 1).build();
  }

  private static <T> T pick(Random r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  private static List<String> some(Random r, List<String> values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> {
      if (r.nextInt(3) == 0) {
        out.add(v);
      }
    });
    return out;
  }
}
