package io.zhiku.solr.internal;

import io.zhiku.core.access.Acl;
import io.zhiku.core.item.AttributeValue;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.json.ZhikuJson;
import io.zhiku.core.kb.ItemChange;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/**
 * Items to and from the documents of the configset's schema: the item whole as JSON (its stored form,
 * as in the embedded engine), and the fields queries, filters, facets and sorts read. Stateless.
 */
final class SolrItems {
  private SolrItems() {}

  /**
   * The document a change writes.
   *
   * @param change a put (the item) or a delete (a tombstone naming the version it deleted)
   * @param revision the id's next revision
   * @return the document
   */
  static SolrInputDocument document(ItemChange change, long revision) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField("id", change.id());
    d.setField("zhiku_rev", revision);
    if (change instanceof ItemChange.Delete delete) {
      d.setField("version", delete.version());
      d.setField("deleted", true);
      return d;
    }
    KnowledgeItem item = ((ItemChange.Put) change).item();
    d.setField("version", item.version());
    d.setField("deleted", false);
    d.setField("json", ZhikuJson.write(item));
    d.setField("kind", item.kind().name());
    d.setField("status", item.status().wireName());
    d.setField("updated", item.updated().toEpochMilli());
    item.concepts().forEach(c -> d.addField("concepts", c));
    item.authors().forEach(a -> d.addField("authors", a));
    item.tags().forEach(t -> d.addField("tags", t));
    item.attributes().forEach((k, v) -> {
      if (v instanceof AttributeValue.TextValue text) {
        d.addField("attrs", k + "=" + text.value());
      }
    });
    d.setField("verified", item.verifiedBy() != null);
    Acl acl = item.acl();
    d.setField("acl_everyone", acl.everyone());
    acl.users().forEach(u -> d.addField("acl_users", u));
    acl.groups().forEach(g -> d.addField("acl_groups", g));
    acl.roles().forEach(r -> d.addField("acl_roles", r));
    d.setField("title", item.title());
    d.addField("body", item.body());
    d.addField("text_chars", item.title());
    d.addField("text_chars", item.body());
    item.tags().forEach(t -> {
      d.addField("body", t);
      d.addField("text_chars", t);
    });
    d.setField("suggest_word", item.title());
    d.setField("suggest_full", item.title());
    return d;
  }

  /** Whether a stored document is a tombstone. */
  static boolean deleted(SolrDocument d) {
    return Boolean.TRUE.equals(d.getFieldValue("deleted"));
  }

  /** The item a stored document holds (not a tombstone). */
  static KnowledgeItem item(SolrDocument d) {
    return ZhikuJson.read((String) d.getFieldValue("json"), KnowledgeItem.class);
  }

  /**
   * The change a stored document records, for the change feed.
   *
   * @param d an item or a tombstone
   * @param position the document's {@code _version_}, as the change's sequence number
   */
  static ItemChange change(SolrDocument d, long position) {
    if (deleted(d)) {
      return new ItemChange.Delete(position, (String) d.getFieldValue("id"), ((Number) d.getFieldValue("version")).longValue());
    }
    return new ItemChange.Put(position, item(d));
  }
}
