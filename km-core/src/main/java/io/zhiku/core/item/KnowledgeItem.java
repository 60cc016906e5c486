package io.zhiku.core.item;

import static io.zhiku.core.internal.Checks.present;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.Immutables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A unit of reusable knowledge: a solution, a case, an answer, a lesson, a template... with its
 * classification in the taxonomy, who wrote it, who may read it, and where it is in its life.
 *
 * <p>A value: immutable and thread-safe. Collections are copied into immutable, insertion-ordered
 * collections; duplicates in sets are dropped. Build one with {@link #builder(String, ItemKind, String)};
 * change one with {@link #toBuilder()}.
 *
 * <p>Rules checked on construction (a {@link ValidationException} names the field otherwise):
 *
 * <ul>
 *   <li>Ids (the item's, concepts', authors', the owner unit's, link targets') have the id syntax: 1 to 128
 *       characters of {@code A-Z a-z 0-9 _ . : @ -}, not starting with {@code . : @ -}.
 *   <li>Title and tags are single-line text: stripped of surrounding white space, not blank, and any
 *       control character <em>rejects</em> them. Tags have at most {@value ItemLimits#MAX_TAG_CHARS}
 *       characters.
 *   <li>The body keeps tab, line feed and carriage return; every other control character and every
 *       unpaired surrogate is <em>stripped</em>.
 *   <li>Sizes stay within {@link ItemLimits#CEILINGS}; a knowledge base applies its own, usually smaller,
 *       {@link ItemLimits} (by default {@link ItemLimits#DEFAULTS}: a 1 MiB body) when storing.
 *   <li>{@code verifiedBy} and {@code verifiedAt} are both present or both absent; so are {@code created}
 *       and {@code updated}, and {@code updated} is not before {@code created}. An item no store has
 *       seen yet has neither, and version 0.
 *   <li>An item does not link to itself.
 * </ul>
 *
 * @param id the item's id, unique in a knowledge base
 * @param kind what sort of knowledge it is
 * @param title a one-line title
 * @param body the text, possibly empty; {@code null} is read as empty
 * @param language the BCP 47 tag of the main language ({@code "zh"}, {@code "en"}, {@code "zh-Hant"}),
 *     or {@code "und"} when unknown or mixed; {@code null} is read as {@code "und"}
 * @param concepts ids of the taxonomy concepts it is classified under, in any scheme
 * @param tags free-form tags
 * @param authors user ids of its authors, first author first
 * @param ownerUnit the id of the organisational unit that owns it, or {@code null}
 * @param attributes typed attributes by key (keys: 1 to 64 characters of {@code a-z 0-9 _ . -})
 * @param links typed links to other items
 * @param acl who may read it; required (use {@link Acl#PUBLIC} to let everyone read)
 * @param status where it is in its life; {@code null} is read as {@link ItemStatus#PUBLISHED}
 * @param reviewBy when it is due for review, or {@code null}
 * @param verifiedBy the user id of who last verified it as correct, or {@code null}
 * @param verifiedAt when it was last verified, or {@code null}
 * @param created when a store first saved it, or {@code null} before that
 * @param updated when a store last saved it, or {@code null} before the first save
 * @param version the store's version of it, 0 before the first save
 */
public record KnowledgeItem(
    String id,
    ItemKind kind,
    String title,
    String body,
    String language,
    Set<String> concepts,
    Set<String> tags,
    List<String> authors,
    String ownerUnit,
    Map<String, AttributeValue> attributes,
    Set<ItemLink> links,
    Acl acl,
    ItemStatus status,
    Instant reviewBy,
    String verifiedBy,
    Instant verifiedAt,
    Instant created,
    Instant updated,
    long version) {

  /** The language tag for an unknown or mixed language. */
  public static final String UNDETERMINED = "und";

  /**
   * Validates, normalises and copies.
   *
   * @param id the item's id, unique in a knowledge base
   * @param kind what sort of knowledge it is
   * @param title a one-line title
   * @param body the text, possibly empty; {@code null} is read as empty
   * @param language the BCP 47 tag of the main language ({@code "zh"}, {@code "en"}, {@code "zh-Hant"}),
   *     or {@code "und"} when unknown or mixed; {@code null} is read as {@code "und"}
   * @param concepts ids of the taxonomy concepts it is classified under, in any scheme
   * @param tags free-form tags
   * @param authors user ids of its authors, first author first
   * @param ownerUnit the id of the organisational unit that owns it, or {@code null}
   * @param attributes typed attributes by key (keys: 1 to 64 characters of {@code a-z 0-9 _ . -})
   * @param links typed links to other items
   * @param acl who may read it; required (use {@link Acl#PUBLIC} to let everyone read)
   * @param status where it is in its life; {@code null} is read as {@link ItemStatus#PUBLISHED}
   * @param reviewBy when it is due for review, or {@code null}
   * @param verifiedBy the user id of who last verified it as correct, or {@code null}
   * @param verifiedAt when it was last verified, or {@code null}
   * @param created when a store first saved it, or {@code null} before that
   * @param updated when a store last saved it, or {@code null} before the first save
   * @param version the store's version of it, 0 before the first save
   * @throws ValidationException if a rule in the class description is broken
   */
  public KnowledgeItem {
    ItemLimits ceilings = ItemLimits.CEILINGS;
    id = Checks.id("KnowledgeItem.id", id);
    present("KnowledgeItem.kind", kind);
    title = Checks.line("KnowledgeItem.title", title, ceilings.maxTitleChars());
    body = Checks.text("KnowledgeItem.body", body, Integer.MAX_VALUE);
    language = Checks.language("KnowledgeItem.language", language == null ? UNDETERMINED : language);
    concepts = Checks.ids("KnowledgeItem.concepts", concepts, ceilings.maxConcepts());
    tags = Checks.lines("KnowledgeItem.tags", tags, ceilings.maxTags(), ItemLimits.MAX_TAG_CHARS);
    authors = Immutables.list(Checks.ids("KnowledgeItem.authors", authors, ceilings.maxAuthors())); // duplicates dropped, order kept
    ownerUnit = Checks.optionalId("KnowledgeItem.ownerUnit", ownerUnit);
    attributes = attributes(attributes, ceilings.maxAttributes());
    links = Checks.set("KnowledgeItem.links", links, ceilings.maxLinks());
    for (ItemLink link : links) {
      if (link.targetId().equals(id)) {
        throw new ValidationException("KnowledgeItem.links", link, "an item must not link to itself");
      }
    }
    present("KnowledgeItem.acl", acl);
    status = status == null ? ItemStatus.PUBLISHED : status;
    verifiedBy = Checks.optionalId("KnowledgeItem.verifiedBy", verifiedBy);
    Checks.optionalInstant("KnowledgeItem.reviewBy", reviewBy);
    Checks.optionalInstant("KnowledgeItem.verifiedAt", verifiedAt);
    Checks.optionalInstant("KnowledgeItem.created", created);
    Checks.optionalInstant("KnowledgeItem.updated", updated);
    if ((verifiedBy == null) != (verifiedAt == null)) {
      throw new ValidationException(
          "KnowledgeItem.verifiedAt", verifiedAt, "verifiedBy and verifiedAt must be given together (verifiedBy is " + verifiedBy + ")");
    }
    if ((created == null) != (updated == null)) {
      throw new ValidationException(
          "KnowledgeItem.updated", updated, "created and updated must be given together (created is " + created + ")");
    }
    if (created != null && updated.isBefore(created)) {
      throw new ValidationException("KnowledgeItem.updated", updated, "must not be before created " + created);
    }
    if (version < 0) {
      throw new ValidationException("KnowledgeItem.version", version, "must not be negative");
    }
    ceilings.check(title, body, concepts.size(), tags.size(), attributes.size(), authors.size(), links.size());
  }

  private static Map<String, AttributeValue> attributes(Map<String, AttributeValue> attributes, int max) {
    Map<String, AttributeValue> copy = Checks.map("KnowledgeItem.attributes", attributes, max);
    copy.keySet().forEach(k -> Checks.key("KnowledgeItem.attributes", k));
    return copy;
  }

  /**
   * Starts building an item.
   *
   * @param id the item's id
   * @param kind its kind
   * @param title its title
   * @return a builder; set at least {@link Builder#acl(Acl)} before {@link Builder#build()}
   */
  public static Builder builder(String id, ItemKind kind, String title) {
    return new Builder().id(id).kind(kind).title(title);
  }

  /**
   * A builder holding this item's values, to make a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.kind = kind;
    b.title = title;
    b.body = body;
    b.language = language;
    b.concepts.addAll(concepts);
    b.tags.addAll(tags);
    b.authors.addAll(authors);
    b.ownerUnit = ownerUnit;
    b.attributes.putAll(attributes);
    b.links.addAll(links);
    b.acl = acl;
    b.status = status;
    b.reviewBy = reviewBy;
    b.verifiedBy = verifiedBy;
    b.verifiedAt = verifiedAt;
    b.created = created;
    b.updated = updated;
    b.version = version;
    return b;
  }

  /**
   * A short description for logs and debuggers: id, kind, version, status, the title (shortened to 60
   * characters) and the body's length. Never the body itself, which may run to megabytes, so that a
   * logged search result or recommendation stays one readable line.
   *
   * @return the description
   */
  @Override
  public String toString() {
    String t = title.length() <= 60 ? title : title.substring(0, 59) + "…";
    return "KnowledgeItem[" + id + ", " + kind.name() + ", v" + version + ", " + status.wireName() + ", \"" + t + "\", body of "
        + body.length() + " chars]";
  }

  /**
   * Whether the item is due for review at the given time.
   *
   * @param now the current time, from the caller's clock
   * @return {@code true} if {@code reviewBy} is set and not after {@code now}
   */
  public boolean reviewDue(Instant now) {
    return reviewBy != null && !reviewBy.isAfter(now);
  }

  /**
   * Builds {@link KnowledgeItem}s. Not thread-safe; each {@link #build()} validates and returns a new
   * immutable item, and the builder can be reused.
   */
  public static final class Builder {
    private String id;
    private ItemKind kind;
    private String title;
    private String body = "";
    private String language = UNDETERMINED;
    private final Set<String> concepts = new LinkedHashSet<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private final List<String> authors = new ArrayList<>();
    private String ownerUnit;
    private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    private final Set<ItemLink> links = new LinkedHashSet<>();
    private Acl acl;
    private ItemStatus status = ItemStatus.PUBLISHED;
    private Instant reviewBy;
    private String verifiedBy;
    private Instant verifiedAt;
    private Instant created;
    private Instant updated;
    private long version;

    private Builder() {}

    /**
     * @param id the item's id
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * @param kind the item's kind
     * @return this builder
     */
    public Builder kind(ItemKind kind) {
      this.kind = kind;
      return this;
    }

    /**
     * @param title the one-line title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /**
     * @param body the text
     * @return this builder
     */
    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /**
     * @param language a BCP 47 tag such as {@code "zh"} or {@code "en"}
     * @return this builder
     */
    public Builder language(String language) {
      this.language = language;
      return this;
    }

    /**
     * @param conceptIds concept ids to add
     * @return this builder
     */
    public Builder concepts(String... conceptIds) {
      concepts.addAll(List.of(conceptIds));
      return this;
    }

    /**
     * @param conceptIds concept ids to add
     * @return this builder
     */
    public Builder concepts(Collection<String> conceptIds) {
      concepts.addAll(conceptIds);
      return this;
    }

    /**
     * @param tags tags to add
     * @return this builder
     */
    public Builder tags(String... tags) {
      this.tags.addAll(List.of(tags));
      return this;
    }

    /**
     * @param userIds author user ids to add, in order
     * @return this builder
     */
    public Builder authors(String... userIds) {
      authors.addAll(List.of(userIds));
      return this;
    }

    /**
     * @param unitId the owning unit's id, or {@code null}
     * @return this builder
     */
    public Builder ownerUnit(String unitId) {
      this.ownerUnit = unitId;
      return this;
    }

    /**
     * Sets an attribute, replacing an earlier value for the same key.
     *
     * @param key the attribute key
     * @param value its value
     * @return this builder
     */
    public Builder attribute(String key, AttributeValue value) {
      attributes.put(key, value);
      return this;
    }

    /**
     * Sets a text attribute.
     *
     * @param key the attribute key
     * @param text its value
     * @return this builder
     */
    public Builder attribute(String key, String text) {
      return attribute(key, AttributeValue.of(text));
    }

    /**
     * Adds a link.
     *
     * @param relation the relation, e.g. {@link ItemLink#REFERENCES}
     * @param targetId the target item's id
     * @return this builder
     */
    public Builder link(String relation, String targetId) {
      links.add(ItemLink.of(relation, targetId));
      return this;
    }

    /**
     * @param acl who may read the item
     * @return this builder
     */
    public Builder acl(Acl acl) {
      this.acl = acl;
      return this;
    }

    /**
     * @param status the lifecycle status
     * @return this builder
     */
    public Builder status(ItemStatus status) {
      this.status = status;
      return this;
    }

    /**
     * @param reviewBy when a review is due, or {@code null}
     * @return this builder
     */
    public Builder reviewBy(Instant reviewBy) {
      this.reviewBy = reviewBy;
      return this;
    }

    /**
     * Records a verification.
     *
     * @param userId who verified
     * @param at when
     * @return this builder
     */
    public Builder verified(String userId, Instant at) {
      this.verifiedBy = userId;
      this.verifiedAt = at;
      return this;
    }

    /**
     * Sets the store's bookkeeping: stores call this; hosts normally do not.
     *
     * @param created when first saved
     * @param updated when last saved
     * @param version the version
     * @return this builder
     */
    public Builder stored(Instant created, Instant updated, long version) {
      this.created = created;
      this.updated = updated;
      this.version = version;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the item
     * @throws ValidationException if a rule of {@link KnowledgeItem} is broken
     */
    public KnowledgeItem build() {
      if (acl == null) {
        throw new ValidationException(
            "KnowledgeItem.acl", null, "a value is required: say who may read, e.g. Acl.PUBLIC or Acl.groups(\"sales\")");
      }
      return new KnowledgeItem(id, kind, title, body, language, concepts, tags, authors, ownerUnit,
          attributes, links, acl, status, reviewBy, verifiedBy, verifiedAt, created, updated, version);
    }
  }
}
