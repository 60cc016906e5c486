package io.zhiku.core.item;

import static io.zhiku.core.internal.Checks.count;

import io.zhiku.core.ValidationException;

/**
 * Size limits for knowledge items. Two layers:
 *
 * <ul>
 *   <li>{@link #CEILINGS}: hard limits every {@link KnowledgeItem} obeys from construction on (a body of at
 *       most 64 MiB, at most 4,096 concepts, ...). No configuration can exceed them.
 *   <li>{@link #DEFAULTS}: the limits a knowledge base applies when an item is stored unless the host
 *       configured others (a body of at most 1 MiB, a title of at most 512 characters, ...).
 * </ul>
 *
 * <p>Characters are Unicode code points; the body is measured in UTF-8 bytes. A value: immutable and
 * thread-safe.
 *
 * @param maxTitleChars the longest title, in characters
 * @param maxBodyBytes the largest body, in UTF-8 bytes
 * @param maxConcepts the most concept ids on one item
 * @param maxTags the most tags on one item
 * @param maxAttributes the most attributes on one item
 * @param maxAuthors the most authors on one item
 * @param maxLinks the most links from one item
 */
public record ItemLimits(
    int maxTitleChars,
    int maxBodyBytes,
    int maxConcepts,
    int maxTags,
    int maxAttributes,
    int maxAuthors,
    int maxLinks) {

  /** The longest tag, in characters (fixed). */
  public static final int MAX_TAG_CHARS = 100;

  private static final int CEILING_TITLE = 4096;
  private static final int CEILING_BODY = 64 << 20;
  private static final int CEILING_CONCEPTS = 4096;
  private static final int CEILING_TAGS = 1024;
  private static final int CEILING_ATTRIBUTES = 1024;
  private static final int CEILING_AUTHORS = 1024;
  private static final int CEILING_LINKS = 4096;

  /** The hard limits: every item obeys them, and no configured limit may exceed them. */
  public static final ItemLimits CEILINGS =
      new ItemLimits(
          CEILING_TITLE, CEILING_BODY, CEILING_CONCEPTS, CEILING_TAGS, CEILING_ATTRIBUTES, CEILING_AUTHORS, CEILING_LINKS);

  /** The limits a knowledge base applies unless configured otherwise: 512-character title, 1 MiB body, ... */
  public static final ItemLimits DEFAULTS = new ItemLimits(512, 1 << 20, 256, 64, 64, 64, 256);

  /**
   * Validates: each limit is at least 1 and at most its ceiling.
   *
   * @param maxTitleChars the longest title, in characters
   * @param maxBodyBytes the largest body, in UTF-8 bytes
   * @param maxConcepts the most concept ids on one item
   * @param maxTags the most tags on one item
   * @param maxAttributes the most attributes on one item
   * @param maxAuthors the most authors on one item
   * @param maxLinks the most links from one item
   * @throws ValidationException if a limit is out of range
   */
  public ItemLimits {
    range("ItemLimits.maxTitleChars", maxTitleChars, CEILING_TITLE);
    range("ItemLimits.maxBodyBytes", maxBodyBytes, CEILING_BODY);
    range("ItemLimits.maxConcepts", maxConcepts, CEILING_CONCEPTS);
    range("ItemLimits.maxTags", maxTags, CEILING_TAGS);
    range("ItemLimits.maxAttributes", maxAttributes, CEILING_ATTRIBUTES);
    range("ItemLimits.maxAuthors", maxAuthors, CEILING_AUTHORS);
    range("ItemLimits.maxLinks", maxLinks, CEILING_LINKS);
  }

  private static void range(String field, int value, int ceiling) {
    if (value < 1 || value > ceiling) {
      throw new ValidationException(field, value, "must be between 1 and " + ceiling);
    }
  }

  /**
   * These limits with a different body size limit.
   *
   * @param bytes the largest body, in UTF-8 bytes
   * @return the new limits
   */
  public ItemLimits withMaxBodyBytes(int bytes) {
    return new ItemLimits(maxTitleChars, bytes, maxConcepts, maxTags, maxAttributes, maxAuthors, maxLinks);
  }

  /**
   * Checks an item against these limits.
   *
   * @param item the item
   * @return the item
   * @throws ValidationException naming the first field over its limit
   */
  public KnowledgeItem check(KnowledgeItem item) {
    check(item.title(), item.body(), item.concepts().size(), item.tags().size(),
        item.attributes().size(), item.authors().size(), item.links().size());
    return item;
  }

  void check(String title, String body, int concepts, int tags, int attributes, int authors, int links) {
    int titleChars = title.codePointCount(0, title.length());
    if (titleChars > maxTitleChars) {
      throw new ValidationException(
          "KnowledgeItem.title", title, "is " + titleChars + " characters, over the limit of " + maxTitleChars);
    }
    if (body.length() > maxBodyBytes / 3) { // fewer chars than a third of the limit always fit
      long bytes = utf8Length(body);
      if (bytes > maxBodyBytes) {
        throw new ValidationException(
            "KnowledgeItem.body", body, "is " + bytes + " UTF-8 bytes, over the limit of " + maxBodyBytes);
      }
    }
    count("KnowledgeItem.concepts", concepts, maxConcepts);
    count("KnowledgeItem.tags", tags, maxTags);
    count("KnowledgeItem.attributes", attributes, maxAttributes);
    count("KnowledgeItem.authors", authors, maxAuthors);
    count("KnowledgeItem.links", links, maxLinks);
  }

  /**
   * The length of the text in UTF-8, as {@link java.nio.charset.StandardCharsets#UTF_8} encodes it (an
   * unpaired surrogate becomes one replacement byte), without encoding it.
   */
  static long utf8Length(CharSequence text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
