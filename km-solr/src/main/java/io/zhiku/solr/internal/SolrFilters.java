package io.zhiku.solr.internal;

import io.zhiku.core.access.Principal;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.spi.IndexSearch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * The filter clauses of a search, built on the server side from the principal and the request's
 * filters, never from query text: each value travels in a parameter of its own, read by Solr's {@code
 * terms} parser as a plain list of terms (no query syntax), and each clause is a filter query ({@code fq})
 * that the text query cannot widen. Every search, count, facet, suggestion and scan for a principal goes
 * through {@link #readable}. Stateless.
 */
final class SolrFilters {
  /** What every search leaves out: tombstones and the engine's own documents. */
  static final List<String> LIVE_ITEMS = List.of("-deleted:true", "-state:true");

  private SolrFilters() {}

  /**
   * Adds the filters of the items a principal may read, and only live items.
   *
   * @param params the request's parameters
   * @param principal who reads
   */
  static void readable(ModifiableSolrParams params, Principal principal) {
    Checks.present("principal", principal);
    StringBuilder any = new StringBuilder("{!bool should=$zk_all");
    params.set("zk_all", "acl_everyone:true");
    any.append(" should=$zk_user");
    params.set("zk_user", terms("acl_users", Set.of(principal.userId())));
    if (!principal.groups().isEmpty()) {
      any.append(" should=$zk_groups");
      params.set("zk_groups", terms("acl_groups", principal.groups()));
    }
    if (!principal.roles().isEmpty()) {
      any.append(" should=$zk_roles");
      params.set("zk_roles", terms("acl_roles", principal.roles()));
    }
    params.add("fq", any.append('}').toString());
    LIVE_ITEMS.forEach(f -> params.add("fq", f));
  }

  /**
   * Adds the filters of a search beyond access: concept groups, kinds, statuses, authors, tags, text
   * attributes, the update window, and the items to treat as absent.
   *
   * @param params the request's parameters
   * @param search the search
   */
  static void request(ModifiableSolrParams params, IndexSearch search) {
    SearchRequest r = search.request();
    for (Set<String> group : search.conceptGroups()) {
      anyOf(params, "concepts", group);
    }
    anyOf(params, "kind", r.kinds().stream().map(ItemKind::name).collect(Collectors.toSet()));
    anyOf(params, "status", r.statuses().stream().map(ItemStatus::wireName).collect(Collectors.toSet()));
    anyOf(params, "authors", r.authors());
    for (String tag : r.tags()) {
      anyOf(params, "tags", Set.of(tag));
    }
    for (var a : r.attributes().entrySet()) {
      anyOf(params, "attrs", Set.of(a.getKey() + "=" + a.getValue()));
    }
    if (r.updatedFrom() != null || r.updatedBefore() != null) {
      String from = r.updatedFrom() == null ? "*" : Long.toString(r.updatedFrom().toEpochMilli());
      String before = r.updatedBefore() == null ? "*" : Long.toString(r.updatedBefore().toEpochMilli());
      params.add("fq", "updated:[" + from + " TO " + before + "}");
    }
    excluded(params, search.excludedIds());
  }

  /**
   * Adds the filter that leaves out items the knowledge base says to treat as absent.
   *
   * @param params the request's parameters
   * @param ids the items, often none
   */
  static void excluded(ModifiableSolrParams params, Set<String> ids) {
    if (!ids.isEmpty()) {
      params.set("zk_all_items", "*:*");
      params.set("zk_excluded", terms("id", ids));
      params.add("fq", "{!bool must=$zk_all_items must_not=$zk_excluded}");
    }
  }

  /**
   * Adds a filter that an item has one of the values in a field (none if there are no values).
   *
   * @param params the request's parameters
   * @param field the field
   * @param values the values
   */
  static void anyOf(ModifiableSolrParams params, String field, Collection<String> values) {
    if (!values.isEmpty()) {
      params.add("fq", terms(field, values));
    }
  }

  /**
   * Adds a filter that a document has one of the values in a field with doc values, checked on the
   * documents the other filters lead to and not cached: for a one-off set of popular values (a push's
   * candidates among a person's events), whose documents may be millions, which a cached filter would
   * collect whole and keep.
   *
   * @param params the request's parameters
   * @param field the field, with doc values
   * @param values the values; none adds no filter
   */
  static void anyOfChecked(ModifiableSolrParams params, String field, Collection<String> values) {
    if (!values.isEmpty()) {
      params.add("fq", terms("method=docValuesTermsFilter cache=false ", field, values));
    }
  }

  /**
   * A {@code terms} query: the field, then the values as a raw list. Values are ids, kinds, statuses,
   * tags or {@code key=value} attributes, all validated when their request was made; one with the list's
   * separator is refused here rather than split.
   */
  static String terms(String field, Collection<String> values) {
    return terms("", field, values);
  }

  private static String terms(String options, String field, Collection<String> values) {
    List<String> sorted = new ArrayList<>(values);
    sorted.sort(null);
    for (String v : sorted) {
      if (v.indexOf('\u0001') >= 0) {
        throw new IllegalArgumentException("a filter value holds the separator U+0001: " + field);
      }
    }
    return "{!terms " + options + "f=" + field + " separator=\u0001}" + String.join("\u0001", sorted);
  }
}
