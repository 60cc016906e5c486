package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.testkit.Seeded;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Hosts pass what people typed or the text of the case at hand: any text within the request's 1,000
 * characters must search. Seeded long questions — English of 40 to 160 words, Chinese of 150 to 1,000
 * characters without a space — built from one item's text with noise around it: the search answers
 * (past the parser's budget, as a description) and finds that item, and only items the person may
 * read. (The item is asked for among the first three: a long question made of the corpus's common
 * words may rank a near-duplicate first.)
 */
@Seeded
class LongQuestionTest {
  private static final Principal READER = Principal.of("reader", List.of("g1"), List.of());
  private static final String[] EN = ("network campus wireless access point outage router firmware upgrade billing invoice "
      + "contract renewal customer satisfaction survey proposal template education hospital bank insurance retail "
      + "logistics warehouse cloud migration storage backup security audit password policy training onboarding").split(" ");
  private static final String ZH = "校园网络无线接入点故障路由器固件升级账单发票合同续签客户满意度调查方案模板教育医院银行保险零售物流仓储云迁移存储备份安全审计密码策略培训入职";
  private static KnowledgeBase kb;
  private static final List<KnowledgeItem> ITEMS = new ArrayList<>();

  @BeforeAll
  static void open() {
    Random r = new Random(20261203L);
    kb = KnowledgeBase.inMemory();
    for (int i = 0; i < 200; i++) {
      boolean chinese = i % 2 == 0;
      StringBuilder body = new StringBuilder();
      for (int k = 0; k < 30; k++) {
        if (chinese) {
          int at = r.nextInt(ZH.length() - 2);
          body.append(ZH, at, at + 2);
        } else {
          body.append(EN[r.nextInt(EN.length)]).append(' ');
        }
      }
      body.append(chinese ? "编号" + i + "号" : " ticket" + i);
      ITEMS.add(KnowledgeItem.builder("i" + i, ItemKind.FAQ, (chinese ? "问题 " : "question ") + i).body(body.toString())
          .acl(i % 5 == 4 ? Acl.NOBODY : Acl.groups("g1")).build());
    }
    kb.putAll(ITEMS);
    kb.refresh();
  }

  @AfterAll
  static void close() {
    kb.close();
  }

  @RepeatedTest(20)
  void aLongQuestionWithinTheLength_searches_andFindsItsItem(Random r) {
    KnowledgeItem target = ITEMS.get(r.nextInt(ITEMS.size() / 5) * 5 + r.nextInt(4)); // a readable one
    boolean chinese = target.id().matches("i\\d*[02468]");
    String body = target.body();
    StringBuilder q = new StringBuilder();
    if (chinese) {
      int length = 150 + r.nextInt(850);
      while (q.length() < length) { // the item's text, with random characters of the same vocabulary around it
        q.append(r.nextInt(3) == 0 ? body : ZH.substring(r.nextInt(ZH.length() - 1)).substring(0, 1));
      }
    } else {
      q.append(target.body().substring(target.body().lastIndexOf(' ') + 1)).append(' '); // the ticket number
      int words = 40 + r.nextInt(120);
      for (int w = 0; w < words; w++) {
        q.append(r.nextInt(4) == 0 ? EN[r.nextInt(EN.length)] : body.split(" ")[r.nextInt(body.split(" ").length)]).append(' ');
      }
    }
    String text = q.length() > SearchRequest.MAX_TEXT_CHARS ? q.substring(0, SearchRequest.MAX_TEXT_CHARS) : q.toString();
    SearchResult result = kb.search(SearchRequest.builder(READER).text(text).pageSize(5).build());
    assertTrue(result.totalHits() > 0, "no hit for a " + text.length() + "-character question");
    result.hits().forEach(h -> assertTrue(h.item().acl().permits(READER), "hit " + h.item().id()));
    assertTrue(result.hits().stream().limit(3).anyMatch(h -> h.item().id().equals(target.id())),
        "the item the question was made from, " + target.id() + ", among the first three, for: " + text);
  }
}
