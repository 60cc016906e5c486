package io.zhiku.push;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link Recommender} sees of the knowledge base during one push: the person's work context and
 * questions it may ask. Every answer is already filtered by access: it only ever contains items the
 * principal may read, so a recommender built on it cannot leak.
 *
 * <p>Valid only during the {@link Recommender#recommend} call that received it; used by one thread.
 */
public interface PushContext {
  /**
   * Where the person is in their work.
   *
   * @return the work context
   */
  WorkContext work();

  /**
   * Who is pushed to: the work context's principal.
   *
   * @return the principal
   */
  default Principal principal() {
    return work().principal();
  }

  /**
   * The time of the push, from the knowledge base's clock.
   *
   * @return now
   */
  Instant now();

  /**
   * The taxonomy snapshot of this push.
   *
   * @return the taxonomy
   */
  Taxonomy taxonomy();

  /**
   * The concepts the work is about: the context's explicit concepts, and its stage, process and attribute
   * values that name a concept of the taxonomy (by id, or by a label after folding case and width).
   *
   * @return concept ids, possibly empty
   */
  Set<String> concepts();

  /**
   * The segments the person's work falls into, most specific first: the context's role (else the
   * principal's roles), its stage, its tracked attributes (such as the industry), then everyone.
   *
   * @return the segments
   */
  List<Segment> segments();

  /**
   * A name for a concept to show people: its preferred label in the language of the context text if the
   * taxonomy has one, else in English, else its id.
   *
   * @param conceptId the concept
   * @return the label
   */
  String label(String conceptId);

  /**
   * Searches as the principal.
   *
   * @param request a request whose principal is {@link #principal()}
   * @return the result
   * @throws io.zhiku.core.ValidationException if the request is for another principal
   */
  SearchResult search(SearchRequest request);

  /**
   * An item the principal may read.
   *
   * @param itemId the id
   * @return the item, or empty if it does not exist or the principal may not read it
   */
  Optional<KnowledgeItem> item(String itemId);

  /**
   * The items most used lately by the segment's people (usage decayed with the configured half-life;
   * views and clicks count 1, accepted pushes and helpful votes 2, reuse 3).
   *
   * @param segment the segment
   * @param concepts if not empty, only items classified under one of these concepts or their descendants
   * @param limit how many at most
   * @return readable items with their decayed use counts, best first
   */
  List<ScoredItem> popular(Segment segment, Set<String> concepts, int limit);

  /**
   * The items whose pushes the segment's people accepted more than they dismissed, lately.
   *
   * @param segment the segment
   * @param limit how many at most
   * @return readable items with their decayed net acceptances (positive), best first
   */
  List<ScoredItem> accepted(Segment segment, int limit);

  /**
   * The most recently updated published items, without counting them all (cheaper than a {@link
   * #search} in {@link SearchRequest.Order#NEWEST} order).
   *
   * @param concepts if not empty, only items classified under one of these concepts or their descendants
   * @param limit how many at most
   * @return readable items, newest first, each with its update time in epoch milliseconds as its score
   */
  List<ScoredItem> newest(Set<String> concepts, int limit);

  /**
   * Items whose text is like the given text (MoreLikeThis over words and characters, Chinese and
   * English).
   *
   * @param text the text
   * @param limit how many at most
   * @return readable items with their similarity scores, best first
   */
  List<ScoredItem> similar(String text, int limit);

  /**
   * The items this work is anchored on: those the person used lately, and those used lately in the same
   * project or for the same customer (context attributes {@code project} and {@code customer}).
   *
   * @param limit how many at most
   * @return readable item ids, most recent first
   */
  List<String> anchors(int limit);

  /**
   * Items used by other people who also used an anchor item.
   *
   * @param anchorItemId the item
   * @param minSupport the fewest distinct other people who must have used both
   * @param limit how many at most
   * @return readable items with the number of people who used both, best first
   */
  List<ScoredItem> usedTogether(String anchorItemId, int minSupport, int limit);
}
