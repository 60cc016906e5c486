package io.zhiku.examples;

import io.zhiku.core.access.Principal;
import io.zhiku.core.classify.ConceptSuggester;
import io.zhiku.core.classify.ConceptSuggestion;
import io.zhiku.core.classify.DuplicateFinder;
import io.zhiku.core.classify.PossibleDuplicate;
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
 * rather than searches the concept tree. Then he starts an FAQ from the customer's question, and before
 * he saves it Zhiku warns that the knowledge base already answers it ({@link DuplicateFinder#findFor}).
 */
public final class CaptureTour {
  /** The write-up's title. */
  public static final String TITLE = "某高校智能校园项目复盘：5G专网承载一卡通与视频监控";
  /** The write-up's body. */
  public static final String BODY = "客户原有校园网无法覆盖新校区。我们用5G专网承载一卡通和安防视频，"
      + "边缘计算节点放在校内机房；验收时视频监控时延低于50毫秒。Lessons: size the uplink for video first.";

  /** The FAQ he starts: the customer's question, in simplified Chinese where the existing one is traditional. */
  public static final String FAQ_TITLE = "5G专网的时延能做到多少？";
  /** The FAQ's body. */
  public static final String FAQ_BODY = "端到端时延能否低于20毫秒，满足校园安防与远程教学？";

  private CaptureTour() {}

  /**
   * Drafts an FAQ and prints the existing items that may already say the same.
   *
   * @param kb the knowledge base
   * @param out where to print
   * @return the possible duplicates, most likely first
   */
  public static List<PossibleDuplicate> warnDuplicates(KnowledgeBase kb, PrintStream out) {
    Principal author = Roles.WANG;
    KnowledgeItem draft = KnowledgeItem.builder("faq-5g-latency-2", ItemKind.FAQ, FAQ_TITLE).body(FAQ_BODY)
        .authors(author.userId()).acl(io.zhiku.core.access.Acl.PUBLIC).build();
    List<PossibleDuplicate> found = DuplicateFinder.builder(kb).build().findFor(author, draft, 3);
    out.println("  " + author.userId() + " starts an FAQ from the customer's question: " + FAQ_TITLE);
    out.println("  before saving it, Zhiku checks whether it is already answered:");
    for (PossibleDuplicate d : found) {
      out.printf(Locale.ROOT, "    %-5s %.2f  %-22s %s (%.0f%% of words shared)%n", d.score().likely() ? "WARN" : "",
          d.score().probability(), d.item().id(), d.item().title(), 100 * d.score().words());
    }
    return found;
  }

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
