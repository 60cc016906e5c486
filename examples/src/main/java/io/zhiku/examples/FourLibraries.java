package io.zhiku.examples;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.graph.EdgeType;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.graph.Node;
import io.zhiku.graph.NodeType;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Part 2 of the demo: the four libraries of a customer-facing knowledge system, as the telecom division
 * that inspired Zhiku built them into its sales-project system: <b>customer needs</b> (requirement items,
 * and customers in the graph with the needs they have), <b>solutions</b> (solutions, cases, templates,
 * lessons, FAQs), <b>partners</b> (profiles, and partners in the graph with what they offer) and
 * <b>experts</b> (people, found from what they wrote, verified and answered). One solution is confidential:
 * only the education team may read it. The knowledge-management articles of {@code ../shared/data/seeds}
 * join as documents for the knowledge office when they are there.
 */
public final class FourLibraries {
  /** The question kind: its authors are seeking help, not offering it. */
  public static final ItemKind QUESTION = ItemKind.of("question");
  /** The customer of the demo's sales project. */
  public static final String CUSTOMER = "cust-east-university";

  private FourLibraries() {}

  /**
   * Puts the built-in items, customers, partners and experts, and a little Q&amp;A history.
   *
   * @param kb the knowledge base
   * @param graph the graph kept in step with it
   * @param now the time on the knowledge base's clock: verifications and the Q&amp;A history date from it
   * @return how many items were put
   */
  public static int load(KnowledgeBase kb, KnowledgeGraph graph, Instant now) {
    List<KnowledgeItem> items = new ArrayList<>();
    // Customer needs
    items.add(item("need-campus-wifi", ItemKind.REQUIREMENT, "高校宿舍区无线覆盖与统一身份认证需求",
        "某高校三万名师生：宿舍区无线全覆盖，校园一卡通与统一身份认证打通，安防视频接入。Dormitory Wi-Fi for 30,000 "
            + "students and staff, single sign-on with the campus card, security video on the same network.",
        "wang", "ind.smart-campus", "stage.needs", "prod.5g-private", "prod.video"));
    items.add(item("need-hospital-assets", ItemKind.REQUIREMENT, "Hospital asset tracking requirement",
        "A 1,200-bed hospital wants to locate infusion pumps and wheelchairs in real time, integrated with its HIS.",
        "wang", "ind.healthcare", "stage.needs", "prod.iot"));
    // Solutions, cases, templates, lessons
    items.add(verified(item("sol-campus-5g", ItemKind.SOLUTION, "智慧校园5G专网解决方案",
        "5G专网切片承载教学、一卡通与安防视频；边缘计算节点部署在校内机房，统一身份认证对接一卡通。"
            + "5G private network for a smart campus: slices for teaching, the campus card and security video, an edge "
            + "node on campus, single sign-on with the campus card.",
        "chen", "ind.smart-campus", "prod.5g-private", "stage.proposal", "work.presales"), "li", now));
    items.add(KnowledgeItem.builder("sol-edu-bid-confidential", ItemKind.SOLUTION, "省教育厅智慧教育平台投标方案（保密）")
        .body("投标报价策略、折扣底线与竞争对手分析。Bid pricing strategy, discount floor and competitor analysis for the "
            + "provincial education platform tender.")
        .concepts("ind.education", "work.bidding", "stage.negotiation").authors("li").ownerUnit("education-team")
        .acl(Acl.groups("education-team")).build());
    items.add(item("sol-hospital-iot", ItemKind.SOLUTION, "医院物联网资产定位方案",
        "基于物联网标签的医疗设备实时定位，对接HIS系统。IoT tags locate medical equipment in real time; HIS integration.",
        "liu", "ind.healthcare", "prod.iot", "stage.proposal"));
    items.add(item("sol-logistics-sdwan", ItemKind.SOLUTION, "Logistics park SD-WAN networking solution",
        "SD-WAN links 40 warehouses to the cloud with dual uplinks; video surveillance of loading bays on the same network.",
        "sun", "ind.logistics", "prod.sdwan", "prod.video", "stage.proposal"));
    items.add(item("sol-gov-cloud", ItemKind.SOLUTION, "政务云迁移方案",
        "政务系统分批迁移上云，等保三级合规。Moving government systems to the cloud in waves, with level-3 compliance.",
        "zhao", "ind.government", "prod.cloud", "stage.proposal"));
    items.add(verified(item("case-campus-delivery", ItemKind.CASE, "某大学5G专网交付案例",
        "交付周期十周：站点勘察、切片配置、一卡通联调、验收。Ten-week delivery: site survey, slicing, campus-card "
            + "integration, acceptance.",
        "chen", "ind.smart-campus", "prod.5g-private", "stage.delivery", "work.delivery"), "zhao", now));
    items.add(item("tpl-proposal", ItemKind.TEMPLATE, "行业解决方案建议书模板 (proposal template)",
        "建议书结构：客户现状、需求分析、方案架构、实施计划、报价。Structure of a proposal: the customer today, needs, "
            + "architecture, plan, price.",
        "zhao", "ind.public", "stage.proposal", "work.presales"));
    items.add(item("lesson-negotiation", ItemKind.LESSON, "商务谈判：价格让步的经验教训",
        "先谈价值再谈价格；让步要换取回报。Argue value before price; trade every concession for something in return.",
        "wang", "ind.public", "stage.negotiation"));
    items.add(item("faq-5g-latency", ItemKind.FAQ, "5G專網的時延能做到多少？",
        "端到端時延可低於20毫秒，滿足校園安防與遠程教學。End-to-end latency under 20 ms (a traditional-Chinese FAQ).",
        "chen", "prod.5g-private", "stage.needs"));
    // Partners
    items.add(item("partner-huaxin", ItemKind.PARTNER_PROFILE, "华信网络：校园网集成与运维合作伙伴",
        "Huaxin Networks integrates and runs campus networks; certified for 5G private network delivery.",
        "zhao", "ind.education", "prod.5g-private", "stage.delivery"));
    items.add(item("partner-medlink", ItemKind.PARTNER_PROFILE, "MedLink IoT: hospital asset tags",
        "MedLink supplies BLE asset tags and indoor positioning for hospitals.", "zhao", "ind.healthcare", "prod.iot"));
    // Expert Q&A history: a question, two answers, one accepted
    items.add(item("q-campus-card", QUESTION, "5G专网怎么和校园一卡通对接？",
        "How do we connect a 5G private network to the campus card system?", "wang", "ind.smart-campus", "prod.5g-private"));
    items.add(KnowledgeItem.builder("a-campus-card-chen", ItemKind.FAQ, "答：通过统一身份认证网关对接一卡通")
        .body("Through the single sign-on gateway: the card system stays the identity source; 5G slices map to groups.")
        .concepts("ind.smart-campus", "prod.5g-private").authors("chen").link("answers", "q-campus-card")
        .acl(Acl.PUBLIC).build());
    items.add(KnowledgeItem.builder("a-campus-card-sun", ItemKind.FAQ, "Answer: through a VPN to the card system")
        .body("A site-to-site VPN from the edge node to the card system's data centre.")
        .concepts("ind.smart-campus", "prod.5g-private").authors("sun").link("answers", "q-campus-card")
        .acl(Acl.PUBLIC).build());
    kb.putAll(items);
    Instant asked = now.minus(Duration.ofDays(20));
    kb.events().recordAll(List.of(
        UsageEvent.ofItem(UsageEventType.ANSWERED, asked.plus(Duration.ofHours(3)), Roles.CHEN, "a-campus-card-chen"),
        UsageEvent.ofItem(UsageEventType.ANSWERED, asked.plus(Duration.ofHours(5)), Roles.SUN, "a-campus-card-sun"),
        UsageEvent.ofItem(UsageEventType.ACCEPTED, asked.plus(Duration.ofHours(8)), Roles.WANG, "a-campus-card-chen"),
        UsageEvent.ofItem(UsageEventType.REUSE, asked.plus(Duration.ofDays(2)), Roles.ZHAO, "case-campus-delivery")));

    // The graph's own nodes: customers with their needs, partners with their offers, experts in teams.
    graph.putCustomer(CUSTOMER, Map.of("name", "华东某大学 (East China University)", "industry", "ind.smart-campus"),
        List.of(Node.of(NodeType.CONCEPT, "ind.smart-campus"), Node.of(NodeType.ITEM, "need-campus-wifi")));
    graph.putCustomer("cust-city-hospital", Map.of("name", "City Central Hospital", "industry", "ind.healthcare"),
        List.of(Node.of(NodeType.CONCEPT, "prod.iot"), Node.of(NodeType.ITEM, "need-hospital-assets")));
    graph.putPartner("huaxin", Map.of("name", "华信网络 Huaxin Networks"),
        List.of(Node.of(NodeType.CONCEPT, "ind.smart-campus"), Node.of(NodeType.ITEM, "partner-huaxin")));
    graph.putPartner("medlink", Map.of("name", "MedLink IoT"),
        List.of(Node.of(NodeType.CONCEPT, "prod.iot"), Node.of(NodeType.ITEM, "partner-medlink")));
    for (Principal p : List.of(Roles.CHEN, Roles.LIU, Roles.SUN)) {
      Node person = Node.of(NodeType.PERSON, p.userId());
      graph.putNode(person, Map.of("role", "solution-architect"));
      graph.replaceEdges(person, EdgeType.MEMBER_OF, List.of(Node.of(NodeType.TEAM, "solution-center")));
    }
    return items.size();
  }

  /**
   * Puts the seed articles as documents, if the directory is there: the first line is the title. They are
   * the knowledge office's reading list (readable by the {@code km-office} group), so they stay out of
   * the sales team's pushes and searches.
   *
   * @param kb the knowledge base
   * @param seeds the directory of {@code *.txt} articles
   * @return how many were put (0 when the directory is missing)
   */
  public static int loadSeeds(KnowledgeBase kb, Path seeds) {
    if (!Files.isDirectory(seeds)) {
      return 0;
    }
    List<KnowledgeItem> docs = new ArrayList<>();
    try (Stream<Path> files = Files.list(seeds)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8).strip();
        int eol = text.indexOf('\n');
        String title = (eol < 0 ? text : text.substring(0, eol)).strip();
        String name = f.getFileName().toString();
        docs.add(KnowledgeItem.builder("seed-" + name.substring(0, name.indexOf('_')), ItemKind.DOCUMENT,
                title.length() > 80 ? title.substring(0, 79) + "…" : title)
            .body(text).tags("km-article").ownerUnit("km-office").acl(Acl.groups("km-office")).build());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the seed articles in " + seeds, e);
    }
    if (!docs.isEmpty()) {
      kb.putAll(docs);
    }
    return docs.size();
  }

  /**
   * Where the seed articles are, from the repository root or a module directory.
   *
   * @return the directory, if found
   */
  public static Optional<Path> findSeeds() {
    return Stream.of("../shared/data/seeds", "../../shared/data/seeds").map(Path::of).filter(Files::isDirectory)
        .findFirst();
  }

  /**
   * Prints what the libraries hold.
   *
   * @param kb the knowledge base
   * @param graph its graph
   * @param out where to print
   */
  public static void show(KnowledgeBase kb, KnowledgeGraph graph, PrintStream out) {
    Map<String, Integer> byKind = new java.util.TreeMap<>();
    kb.forEachItem(i -> byKind.merge(i.kind().name(), 1, Integer::sum));
    out.println("  items by kind: " + byKind);
    out.println("  customers with needs: " + CUSTOMER + ", cust-city-hospital; partners with offers: huaxin, medlink");
    out.println("  experts in the solution center: chen, liu, sun; graph: " + graph.snapshot().nodeCount() + " nodes, "
        + graph.snapshot().edgeCount() + " edges");
  }

  private static KnowledgeItem item(String id, ItemKind kind, String title, String body, String author, String... concepts) {
    return KnowledgeItem.builder(id, kind, title).body(body).concepts(concepts).authors(author).acl(Acl.PUBLIC).build();
  }

  private static KnowledgeItem verified(KnowledgeItem item, String verifier, Instant at) {
    return item.toBuilder().verified(verifier, at).build();
  }
}
