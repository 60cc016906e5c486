package io.zhiku.core.search;

import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.KnowledgeItem;

/**
 * One item found by a search, with its relevance score and highlighted text.
 *
 * <p>{@code title} and {@code snippet} are HTML: the item's text escaped ({@code &lt;}, {@code &amp;},
 * ...) with the words that matched the query wrapped in {@code <em>...</em>}; ready to insert into a
 * page. A non-HTML client strips the two tags and unescapes the entities.
 *
 * @param item the item
 * @param score its score (higher is better; comparable only within one result list)
 * @param title the item's title as HTML, matches marked
 * @param snippet the best passages of the body as HTML, matches marked, joined with {@code " … "}; the
 *     beginning of the body when nothing in it matched; empty for an empty body
 */
public record SearchHit(KnowledgeItem item, float score, String title, String snippet) {
  /**
   * Validates.
   *
   * @param item the item
   * @param score its score (higher is better; comparable only within one result list)
   * @param title the item's title as HTML, matches marked
   * @param snippet the best passages of the body as HTML, matches marked, joined with {@code " … "}; the
   *     beginning of the body when nothing in it matched; empty for an empty body
   */
  public SearchHit {
    Checks.present("SearchHit.item", item);
    Checks.present("SearchHit.title", title);
    Checks.present("SearchHit.snippet", snippet);
  }
}
