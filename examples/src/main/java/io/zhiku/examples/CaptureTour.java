package io.zhiku.examples;

import io.zhiku.core.access.Principal;
import io.zhiku.core.classify.ConceptSuggester;
import io.zhiku.core.classify.ConceptSuggestion;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Part 6 of the demo: capture as a side effect of work. When the sales project closes, the system asks
 * the customer manager for a short case write-up and, before he files it, shows where it belongs in the
 * taxonomy ({@link ConceptSuggester#suggestFor}): the concepts its text names (a misspelling included) and
 * those of the items most like it, each with its reason, counted over what he may read. He confirms
 * rather than searches the concept tree.
 */
public final class CaptureTour {
  /** The write-up's title. */
  public static final String TITLE = "某高校智能校园项目复盘：5G专网承载一卡通与视频监控";
  /** The write-up's body. */
  public static final String BODY = "客户原有校园网无法覆盖新校区。我们用5G专网承载一卡通和安防视频，"
      + "边缘计算节点放在校内机房；验收时视频监控时延低于50毫秒。Lessons: size the uplink for video first.";

  private CaptureTour() {}

  /**
   * Drafts the write-up and prints the suggested concepts.
   *
   * @param kb the knowledge base
   * @param out where to print
   * @return the suggestions, most likely first
   */
  public static List<ConceptSuggestion> run(KnowledgeBase kb, PrintStream out) {
    Principal author = Roles.WANG;
    KnowledgeItem draft = KnowledgeItem.builder("case-campus-5g-review", ItemKind.CASE, TITLE).body(BODY)
        .authors(author.userId()).acl(io.zhiku.core.access.Acl.PUBLIC).build();
    List<ConceptSuggestion> suggestions = ConceptSuggester.builder(kb).language("zh").build().suggestFor(author, draft, 5);
    out.println("  " + author.userId() + " writes up the project: " + TITLE);
    out.println("  before filing it, Zhiku suggests where it belongs:");
    for (ConceptSuggestion s : suggestions) {
      out.printf(Locale.ROOT, "    %-22s %-8s %.2f  %s%n", s.conceptId(), s.label(), s.score(),
          String.join("; and ", s.reasons().stream().map(ConceptSuggestion.Reason::text).toList()));
    }
    return suggestions;
  }
}
