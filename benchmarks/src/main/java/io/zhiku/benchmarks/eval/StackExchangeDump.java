package io.zhiku.benchmarks.eval;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.core.search.TextEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A Stack Exchange {@code Posts.xml} dump as the evaluations replay it: its questions and answers in time
 * order, and how each becomes a knowledge item and usage events. Both tag formats are read ({@code
 * <a><b>} in older dumps, {@code |a|b|} in newer ones).
 *
 * @param site the site's short name, as in the file name ({@code matheducators-Posts.xml})
 * @param posts the questions and answers, oldest first (ties by id)
 */
record StackExchangeDump(String site, List<Post> posts) {
  /** The dev sites in {@code stackexchange/}, in the order the evaluations report them. */
  static final List<String> SITES = List.of("matheducators", "datasciencemeta");

  /** One row of Posts.xml. */
  record Post(String id, boolean question, Instant created, String parentId, String acceptedAnswerId, String owner,
      String title, String body, List<String> tags, int views) {}

  /** The posts by id. */
  Map<String, Post> byId() {
    Map<String, Post> byId = new HashMap<>();
    posts.forEach(p -> byId.put(p.id(), p));
    return byId;
  }

  /** The dump's tags as a one-scheme taxonomy, one concept per tag. */
  Taxonomy taxonomy() {
    Taxonomy.Builder tb = Taxonomy.builder().scheme(ConceptScheme.of("tags", "en", "Tags"));
    posts.stream().flatMap(p -> p.tags().stream()).distinct().sorted()
        .forEach(t -> tb.concept(Concept.builder(tagId(t), "tags").prefLabel("en", t).build()));
    return tb.build();
  }

  /**
   * An empty knowledge base to replay the dump into: in memory, on the replay's clock, refreshed and
   * committed only when the replay says, searches not recorded, the dump's tags as its taxonomy.
   */
  KnowledgeBase knowledgeBase(Clock clock) {
    return knowledgeBase(clock, null);
  }

  /** The same with an embedder, or without one ({@code null}). */
  KnowledgeBase knowledgeBase(Clock clock, TextEmbedder embedder) {
    KnowledgeBaseBuilder b = KnowledgeBase.builder().clock(clock).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).recordSearches(false).taxonomy(taxonomy());
    return (embedder == null ? b : b.embedder(embedder)).build();
  }

  /** Who wrote a post, as a principal ({@code unknown} if the dump does not say). */
  static Principal person(Post p) {
    return Principal.of(p.owner() == null ? "unknown" : "user-" + p.owner());
  }

  /** A tag's concept id. */
  static String tagId(String tag) {
    return "tag-" + tag.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /**
   * Stores a post as an item (an answer carries its question's tags and links to it) and, for an answer,
   * its author's {@code answered} event.
   */
  static void add(KnowledgeBase kb, Post p, Map<String, Post> byId) {
    Post question = p.question() ? p : byId.get(p.parentId());
    List<String> tags = question == null ? List.of() : question.tags();
    KnowledgeItem.Builder b = KnowledgeItem.builder(p.id(), ItemKind.of(p.question() ? "question" : "answer"),
            p.question() ? p.title() : "Answer: " + (question == null ? "" : question.title()))
        .body(p.body()).language("en").acl(Acl.PUBLIC)
        .concepts(tags.stream().map(StackExchangeDump::tagId).toList()).tags(tags.toArray(String[]::new));
    if (p.owner() != null) {
      b.authors("user-" + p.owner());
    }
    if (!p.question() && question != null) {
      b.link("answers", question.id());
    }
    kb.put(b.build());
    if (!p.question() && p.owner() != null) {
      kb.record(UsageEvent.ofItem(UsageEventType.ANSWERED, p.created(), person(p), p.id()));
    }
  }

  /** What an evaluation does with one site's dump. */
  interface SiteRun {
    void run(StackExchangeDump dump) throws IOException;
  }

  /**
   * Runs an evaluation on each dev site, read from the data directory given as the first argument, else the
   * shared data. A missing site is reported, and ends the program with status 1 when {@code
   * ZHIKU_REQUIRE_DATA=1}.
   *
   * @param evaluation the evaluation's name, for the report of a missing site
   */
  static void forEachSite(String[] args, String evaluation, SiteRun run) throws IOException, XMLStreamException {
    Path dir = args.length > 0 ? Path.of(args[0]) : io.zhiku.benchmarks.SharedData.directory();
    for (String site : SITES) {
      StackExchangeDump dump = read(dir, site);
      if (dump == null) {
        System.out.println(evaluation + ": missing " + site + " in " + dir);
        if ("1".equals(System.getenv("ZHIKU_REQUIRE_DATA"))) {
          System.exit(1);
        }
        continue;
      }
      run.run(dump);
    }
  }

  /**
   * Reads a site's dump from the data directory.
   *
   * @return the dump, or {@code null} if its file is missing
   */
  static StackExchangeDump read(Path dataDir, String site) throws IOException, XMLStreamException {
    Path file = dataDir == null ? null : dataDir.resolve("stackexchange").resolve(site + "-Posts.xml");
    return file == null || !Files.isRegularFile(file) ? null : new StackExchangeDump(site, read(file));
  }

  /** Reads Posts.xml with a parser that refuses DTDs and external entities; oldest first, ties by id. */
  static List<Post> read(Path file) throws IOException, XMLStreamException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    List<Post> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader r = f.createXMLStreamReader(in);
      while (r.hasNext()) {
        if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("row")) {
          String type = r.getAttributeValue(null, "PostTypeId");
          if (!"1".equals(type) && !"2".equals(type)) {
            continue;
          }
          String views = r.getAttributeValue(null, "ViewCount");
          String title = r.getAttributeValue(null, "Title");
          out.add(new Post(r.getAttributeValue(null, "Id"), "1".equals(type),
              LocalDateTime.parse(r.getAttributeValue(null, "CreationDate")).toInstant(ZoneOffset.UTC),
              r.getAttributeValue(null, "ParentId"), r.getAttributeValue(null, "AcceptedAnswerId"),
              r.getAttributeValue(null, "OwnerUserId"), title == null ? "" : title.strip(),
              text(r.getAttributeValue(null, "Body")), tags(r.getAttributeValue(null, "Tags")),
              views == null ? 0 : Integer.parseInt(views)));
        }
      }
      r.close();
    }
    out.sort(Comparator.comparing(Post::created).thenComparing(p -> Long.parseLong(p.id())));
    return List.copyOf(out);
  }

  /** {@code <a><b>} or {@code |a|b|} as a list. */
  static List<String> tags(String tags) {
    List<String> out = new ArrayList<>();
    if (tags != null) {
      for (String t : tags.split("[<>|]")) {
        if (!t.isBlank()) {
          out.add(t);
        }
      }
    }
    return List.copyOf(out);
  }

  /** HTML to plain text: tags dropped, the common entities decoded, control characters removed. */
  static String text(String html) {
    if (html == null) {
      return "";
    }
    String s = html.replaceAll("<[^>]+>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&nbsp;", " ").replace("&amp;", "&");
    return s.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", " ").strip();
  }
}
