package io.zhiku.solr.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhiku.analysis.TextAnalyzers;
import io.zhiku.analysis.query.Highlights;
import io.zhiku.analysis.query.LikeTerms;
import io.zhiku.analysis.query.QueryTarget;
import io.zhiku.analysis.query.TextFields;
import io.zhiku.analysis.query.UserQueryParser;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SearchHit;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.spi.IndexSearch;
import io.zhiku.core.spi.IndexSearchResult;
import io.zhiku.core.spi.Popularity;
import io.zhiku.core.spi.Ranking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.response.TermsResponse;
import org.apache.solr.client.solrj.response.json.BucketJsonFacet;
import org.apache.solr.client.solrj.response.json.NestableJsonFacet;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * Searches, suggestions, the newest items and similar items on a collection, as the embedded engine
 * answers them: the same parser ({@link TextFields#parser}) written as Solr local-parameter queries ({@link
 * SolrQueryTarget}), the same ranking factor ({@link Ranking}, as a function query), the same like-this
 * term choice ({@link LikeTerms}, against the cluster's document frequencies from the {@code /terms}
 * handler), the same highlights (computed here on each hit's text), and every request filtered on the
 * server side by {@link SolrFilters}. Facets roll up the taxonomy on the server: a concept that counts only
 * toward itself is a bucket of a terms facet, a key reached from several concepts a query facet over them,
 * so that an item counts once per key. Pages follow Solr's cursor marks. Totals are always exact: the
 * ranking factor is a {@code boost} function query, which gives Solr no bound to skip hits with, so every
 * match is visited anyway and {@link SearchRequest#totalHitsThreshold()} would save nothing.
 *
 * <p>Popularity (the recent uses each knowledge base counts) re-ranks what Solr ranks by text score and
 * the rest of the factor, here, exactly within the first {@value #RERANK_WINDOW} hits (see {@link
 * #reranked}). Not yet: semantic re-ranking. Thread-safe; close it to release the analyzers.
 */
final class SolrSearch implements AutoCloseable {
  private static final String BY_SCORE = "score desc,id asc";
  /** The most hits, in Solr's order, that one page in popularity order reads. */
  static final int RERANK_WINDOW = 2_000;
  /** Hits per request while a page in popularity order reads. */
  private static final int RERANK_PAGE = 100;
  private static final String BY_NEWEST = "updated desc,id asc";
  /** The most terms a text searched as a description keeps: the parser's clause budget. */
  private static final int DESCRIPTION_TERMS = UserQueryParser.Limits.DEFAULTS.maxClauses();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SolrClient client;
  private final String collection;
  private final Analyzer words = TextAnalyzers.words();
  private final Analyzer characters = TextAnalyzers.characters();
  private final Analyzer suggestQuery = TextAnalyzers.suggestQuery();
  private final UserQueryParser parser = TextFields.parser(words, characters);
  private final Highlights highlights = new Highlights(characters, TextFields.CHARS);

  SolrSearch(SolrClient client, String collection) {
    this.client = client;
    this.collection = collection;
  }

  IndexSearchResult search(IndexSearch search) {
    SearchRequest request = search.request();
    boolean newest = request.order() == SearchRequest.Order.NEWEST;
    Cursor position = request.after() == null ? null : Cursor.decode(request.after(), newest);
    long now = position == null ? search.now().toEpochMilli() : position.nowMillis(); // later pages keep the first page's time
    ModifiableSolrParams params = new ModifiableSolrParams();
    // One parse gives both forms: Solr's, to search, and Lucene's, for highlighting the hits here.
    QueryTarget<Both> target = new BothTargets(new SolrQueryTarget(params, "zq"));
    String text = "*:*";
    Query marked = null; // what highlighting marks
    if (!request.text().isBlank()) {
      Both query;
      try {
        Optional<Both> typed = parser.parse(request.text(), search.synonyms(), TextFields.SYNONYM_BOOST, target);
        if (typed.isEmpty()) {
          return new IndexSearchResult(0, true, List.of(), null, Map.of()); // nothing survived analysis
        }
        query = typed.get();
      } catch (UserQueryParser.OverBudgetException e) {
        // A long question or a pasted case: searched as a description, by its most distinctive terms.
        List<BytesRef> terms = likeTerms(request.text(), DESCRIPTION_TERMS);
        if (terms.isEmpty()) {
          return new IndexSearchResult(0, true, List.of(), null, Map.of());
        }
        query = anyOf(terms, target);
      }
      text = query.solr();
      marked = query.lucene();
    }
    if (newest) {
      params.set("q", text);
      params.set("sort", BY_NEWEST);
      params.set("fl", "id,json");
    } else {
      params.set("zk_text", text);
      params.set("zk_rank", rankingFunction(now));
      params.set("q", "{!boost b=$zk_rank v=$zk_text}");
      params.set("sort", BY_SCORE);
      params.set("fl", "id,json,score");
    }
    SolrFilters.readable(params, request.principal());
    SolrFilters.request(params, search);
    params.set("distrib.singlePass", true); // each shard sends its hits' items at once: one phase, one searcher
    Map<String, Set<String>> reach = reach(search.facetRollup());
    Map<String, String> facetNames = facets(params, reach);
    boolean popular = position == null ? !newest && search.popularity() != Popularity.NONE
        : position.kind() == Cursor.Kind.POPULAR;
    if (popular) {
      return reranked(params, search, position, now, marked, reach, facetNames);
    }
    params.set("rows", request.pageSize());
    params.set(CursorMarkParams.CURSOR_MARK_PARAM, position == null ? CursorMarkParams.CURSOR_MARK_START : position.mark());
    QueryResponse response = queryPage(params, request.after());
    List<SearchHit> hits = new ArrayList<>();
    Highlights.Marker marker = highlights.marker(marked);
    for (SolrDocument d : response.getResults()) {
      if (d.getFieldValue("json") == null) {
        continue; // deleted between the shards' phases of the request: a tombstone has no item
      }
      KnowledgeItem item = SolrItems.item(d);
      float score = newest ? 0 : ((Number) d.getFieldValue("score")).floatValue();
      hits.add(new SearchHit(item, score, marker.title(item.title()), marker.snippet(item.body())));
    }
    long total = response.getResults().getNumFound();
    long read = (position == null ? 0 : position.read()) + hits.size();
    String next = hits.size() == request.pageSize() && read < total
        ? Cursor.at(newest, now, read, response.getNextCursorMark()).encode() : null;
    return new IndexSearchResult(total, true, hits, next, facetCounts(response, reach, facetNames));
  }

  /**
   * A page in popularity order: the score Solr ranks by (text score times the ranking factor without
   * popularity) times {@link Ranking#popularity} of each hit's recent uses, applied here, since usage lives
   * in each knowledge base and not in the collection. The hits are read in Solr's order, page after page,
   * until the page is certain: popularity multiplies a score by at most {@code 1 + POPULARITY_BONUS}, so once
   * the last score read, times that, is below the page's last final score, no hit not yet read can enter the
   * page. Every page reads from the top (what earlier pages held is passed over by its final score and id),
   * at most {@value #RERANK_WINDOW} hits: past them, a page holds the best of what was read.
   */
  private IndexSearchResult reranked(ModifiableSolrParams params, IndexSearch search, Cursor position, long now,
      Query marked, Map<String, Set<String>> reach, Map<String, String> facetNames) {
    int size = search.request().pageSize();
    params.set("rows", Math.max(2 * size, RERANK_PAGE));
    Walk walk = new Walk(size, search.popularity(), position, params, reach, facetNames);
    SolrCalls.pages(client, collection, params, "search items", walk);
    List<Ranked> after = walk.after;
    after.sort(Walk.ORDER);
    List<SearchHit> hits = new ArrayList<>();
    Highlights.Marker marker = highlights.marker(marked);
    for (Ranked r : after.subList(0, Math.min(size, after.size()))) {
      KnowledgeItem item = SolrItems.item(r.doc());
      hits.add(new SearchHit(item, r.score(), marker.title(item.title()), marker.snippet(item.body())));
    }
    long shown = (position == null ? 0 : position.read()) + hits.size();
    String nextCursor = hits.size() == size && shown < walk.total
        ? Cursor.after(now, shown, hits.get(size - 1).score(), hits.get(size - 1).item().id()).encode() : null;
    return new IndexSearchResult(walk.total, true, hits, nextCursor, walk.facets);
  }

  /** A hit in popularity order: its id, final score and document. */
  private record Ranked(String id, float score, SolrDocument doc) {}

  /**
   * One page's walk through Solr's hits in popularity order (see {@link #reranked}): takes each page of hits
   * and says whether the page in popularity order could still change with the next.
   */
  private static final class Walk implements Predicate<QueryResponse> {
    static final Comparator<Ranked> ORDER = Comparator.comparingDouble((Ranked r) -> -r.score()).thenComparing(Ranked::id);

    private final int size;
    private final Popularity popularity;
    private final Cursor position;
    private final ModifiableSolrParams params;
    private final Map<String, Set<String>> reach;
    private final Map<String, String> facetNames;
    /** The hits read that come after the cursor, by final score. */
    final List<Ranked> after = new ArrayList<>();
    long total = -1;
    Map<String, Long> facets = Map.of();
    private int read;

    Walk(int size, Popularity popularity, Cursor position, ModifiableSolrParams params, Map<String, Set<String>> reach,
        Map<String, String> facetNames) {
      this.size = size;
      this.popularity = popularity;
      this.position = position;
      this.params = params;
      this.reach = reach;
      this.facetNames = facetNames;
    }

    @Override
    public boolean test(QueryResponse response) {
      if (total < 0) {
        total = response.getResults().getNumFound();
        facets = facetCounts(response, reach, facetNames);
        params.remove("json.facet"); // counted once
      }
      float last = Float.MAX_VALUE;
      for (SolrDocument d : response.getResults()) {
        read++;
        last = ((Number) d.getFieldValue("score")).floatValue();
        if (d.getFieldValue("json") == null) {
          continue; // deleted between the shards' phases of the request: a tombstone has no item
        }
        String id = (String) d.getFieldValue("id");
        float score = (float) (last * Ranking.popularity(popularity.uses(id)));
        if (position == null || score < position.score() || score == position.score() && id.compareTo(position.id()) > 0) {
          after.add(new Ranked(id, score, d));
        }
      }
      if (read >= RERANK_WINDOW) {
        return false;
      }
      if (after.size() < size) {
        return true;
      }
      after.sort(ORDER);
      return last * (1 + Ranking.POPULARITY_BONUS) >= after.get(size - 1).score(); // an unread hit could still enter
    }
  }

  /** A page's query; a cursor mark Solr cannot read is the caller's bad cursor. */
  private QueryResponse queryPage(ModifiableSolrParams params, String after) {
    try {
      return SolrCalls.query(client, collection, params, "search items");
    } catch (ZhikuException e) {
      if (after != null && e.getCause() instanceof SolrException s && s.code() == 400
          && String.valueOf(s.getMessage()).contains("cursorMark")) {
        throw Cursor.invalid(after);
      }
      throw e;
    }
  }

  /**
   * The ranking factor as a Solr function: {@link Ranking#factor} without popularity, age measured from
   * the search's time.
   */
  static String rankingFunction(long nowMillis) {
    return "product(sum(1,product(" + Ranking.FRESHNESS_BONUS + ",pow(0.5,div(max(0,sub(" + nowMillis
        + ",field(updated))),"
        + Ranking.HALF_LIFE_MILLIS + ")))),if(field(verified)," + Ranking.VERIFIED_FACTOR + ",1))";
  }

  /** For each facet key, the concepts whose items count toward it. */
  private static Map<String, Set<String>> reach(Map<String, Set<String>> rollup) {
    Map<String, Set<String>> out = new TreeMap<>();
    rollup.forEach((concept, keys) -> keys.forEach(k -> out.computeIfAbsent(k, x -> new TreeSet<>()).add(concept)));
    return out;
  }

  /**
   * Adds the JSON facets: one terms facet over the concepts (for keys only their own concept reaches) and a
   * query facet for each key reached from several concepts.
   *
   * @return the query facets' names, by key
   */
  private static Map<String, String> facets(ModifiableSolrParams params, Map<String, Set<String>> reach) {
    Map<String, String> names = new LinkedHashMap<>();
    if (reach.isEmpty()) {
      return names;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("concepts", Map.of("type", "terms", "field", "concepts", "limit", -1, "mincount", 1));
    int n = 0;
    for (Map.Entry<String, Set<String>> e : reach.entrySet()) {
      if (e.getValue().size() > 1) {
        String name = "k" + n++;
        names.put(e.getKey(), name);
        params.set("zf_" + name, SolrFilters.terms("concepts", e.getValue()));
        json.put(name, Map.of("type", "query", "q", "{!query v=$zf_" + name + "}"));
      }
    }
    try {
      params.set("json.facet", JSON.writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("facets of plain strings did not serialize", e);
    }
    return names;
  }

  private static Map<String, Long> facetCounts(QueryResponse response, Map<String, Set<String>> reach,
      Map<String, String> names) {
    if (reach.isEmpty()) {
      return Map.of();
    }
    NestableJsonFacet facets = response.getJsonFacetingResponse();
    Map<String, Long> perConcept = new HashMap<>();
    if (facets != null && facets.getBucketBasedFacets("concepts") != null) {
      for (BucketJsonFacet b : facets.getBucketBasedFacets("concepts").getBuckets()) {
        perConcept.put(String.valueOf(b.getVal()), b.getCount());
      }
    }
    Map<String, Long> out = new HashMap<>();
    reach.forEach((key, concepts) -> {
      String name = names.get(key);
      long count = name == null ? perConcept.getOrDefault(concepts.iterator().next(), 0L)
          : facets == null || facets.getQueryFacet(name) == null ? 0 : facets.getQueryFacet(name).getCount();
      if (count > 0) {
        out.put(key, count);
      }
    });
    return out;
  }

  List<Suggestion> suggestTitles(SuggestRequest request, Set<String> excludedIds) {
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("q", TextFields.suggestion(suggestQuery, request.prefix(), new SolrQueryTarget(params, "zq")));
    SolrFilters.readable(params, request.principal());
    SolrFilters.excluded(params, excludedIds);
    params.set("sort", BY_SCORE);
    params.set("fl", "id,json");
    params.set("rows", request.limit() * 3);
    List<Suggestion> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SolrDocument d : SolrCalls.query(client, collection, params, "suggest titles").getResults()) {
      if (d.getFieldValue("json") == null) {
        continue; // deleted between the shards' phases of the request
      }
      KnowledgeItem item = SolrItems.item(d);
      if (seen.add(item.title()) && out.size() < request.limit()) {
        out.add(new Suggestion(item.title(), Suggestion.Source.TITLE, item.id()));
      }
    }
    return out;
  }

  List<ScoredItem> newest(Principal principal, Set<String> concepts, int limit) {
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("q", "*:*");
    SolrFilters.readable(params, principal);
    SolrFilters.anyOf(params, "status", Set.of(ItemStatus.PUBLISHED.wireName()));
    SolrFilters.anyOf(params, "concepts", concepts);
    params.set("sort", BY_NEWEST);
    params.set("rows", limit);
    return scored(params, "updated", "find the newest items");
  }

  List<ScoredItem> similar(Principal principal, String text, int limit, Set<String> excludedIds) {
    List<BytesRef> terms = likeTerms(text, LikeTerms.SIMILAR_TERMS);
    if (terms.isEmpty()) {
      return List.of();
    }
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("q", anyOf(terms, new SolrQueryTarget(params, "zq")));
    SolrFilters.readable(params, principal);
    SolrFilters.excluded(params, excludedIds);
    params.set("sort", BY_SCORE);
    params.set("rows", limit);
    return scored(params, "score", "find similar items");
  }

  /** The ids a query finds, each with a number field as its score. */
  private List<ScoredItem> scored(ModifiableSolrParams params, String scoreField, String what) {
    params.set("fl", "id," + scoreField);
    List<ScoredItem> out = new ArrayList<>();
    for (SolrDocument d : SolrCalls.query(client, collection, params, what).getResults()) {
      out.add(new ScoredItem((String) d.getFieldValue("id"), ((Number) d.getFieldValue(scoreField)).doubleValue()));
    }
    return out;
  }

  /** Any of some terms of the character field. */
  private static <Q> Q anyOf(List<BytesRef> terms, QueryTarget<Q> target) {
    List<QueryTarget.Clause<Q>> any = new ArrayList<>();
    for (BytesRef t : terms) {
      any.add(new QueryTarget.Clause<>(Occur.SHOULD, target.term(TextFields.CHARS, t.utf8ToString())));
    }
    return target.bool(any);
  }

  /**
   * A text's most distinctive terms of the character field ({@link LikeTerms}), against the cluster's
   * statistics: the document frequencies the {@code /terms} handler sums over the shards, and the number of
   * live items.
   */
  private List<BytesRef> likeTerms(String text, int maxTerms) {
    SortedMap<BytesRef, Integer> frequencies = LikeTerms.frequencies(characters, TextFields.CHARS, text);
    if (frequencies.isEmpty()) {
      return List.of();
    }
    ModifiableSolrParams terms = new ModifiableSolrParams();
    terms.set("qt", "/terms");
    terms.set("shards.qt", "/terms");
    terms.set("terms", true);
    terms.set("terms.fl", TextFields.CHARS);
    StringBuilder list = new StringBuilder();
    for (BytesRef t : frequencies.keySet()) {
      if (list.length() > 0) {
        list.append(',');
      }
      list.append(t.utf8ToString().replace("\\", "\\\\").replace(",", "\\,"));
    }
    terms.set("terms.list", list.toString());
    TermsResponse response = SolrCalls.query(client, collection, terms, "read term statistics").getTermsResponse();
    Map<BytesRef, Long> docFreq = new HashMap<>();
    if (response != null && response.getTerms(TextFields.CHARS) != null) {
      for (TermsResponse.Term t : response.getTerms(TextFields.CHARS)) {
        docFreq.put(new BytesRef(t.getTerm()), t.getFrequency());
      }
    }
    ModifiableSolrParams count = new ModifiableSolrParams();
    count.set("q", "*:*");
    SolrFilters.LIVE_ITEMS.forEach(f -> count.add("fq", f));
    count.set("rows", 0);
    long numDocs = SolrCalls.query(client, collection, count, "count items").getResults().getNumFound();
    return LikeTerms.choose(frequencies, t -> docFreq.getOrDefault(t, 0L), numDocs, maxTerms, LikeTerms.maxDocFreq(numDocs));
  }

  @Override
  public void close() {
    words.close();
    characters.close();
    suggestQuery.close();
  }

  /** A parsed query in both forms. */
  record Both(String solr, Query lucene) {}

  /** Builds each query in Solr's form and in Lucene's at once. */
  private record BothTargets(SolrQueryTarget solr) implements QueryTarget<Both> {
    @Override
    public Both term(String field, String term) {
      return new Both(solr.term(field, term), UserQueryParser.LUCENE.term(field, term));
    }

    @Override
    public Both phrase(String field, String text, List<UserQueryParser.Token> tokens) {
      return new Both(solr.phrase(field, text, tokens), UserQueryParser.LUCENE.phrase(field, text, tokens));
    }

    @Override
    public Both bool(List<Clause<Both>> clauses) {
      return new Both(solr.bool(clauses.stream().map(c -> new Clause<>(c.occur(), c.query().solr())).toList()),
          UserQueryParser.LUCENE.bool(clauses.stream().map(c -> new Clause<>(c.occur(), c.query().lucene())).toList()));
    }

    @Override
    public Both boost(Both query, float boost) {
      return new Both(solr.boost(query.solr(), boost), UserQueryParser.LUCENE.boost(query.lucene(), boost));
    }
  }
}
