package io.zhiku.graph.internal;

import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemLink;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.graph.Edge;
import io.zhiku.graph.EdgeType;
import io.zhiku.graph.Node;
import io.zhiku.graph.NodeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the graph keeps of an item (not API): enough to draw its edges, decide who may see it, name it in maps and
 * weigh it as evidence. Immutable.
 *
 * @param id the item's id
 * @param kind its kind's name
 * @param title its title
 * @param status its lifecycle status
 * @param acl who may read it
 * @param createdMillis when it was created, epoch milliseconds
 * @param updatedMillis when it last changed, epoch milliseconds
 * @param concepts the concepts it is about
 * @param authors its authors' user ids
 * @param verifiedBy who verified it, or {@code null}
 * @param verifiedMillis when, epoch milliseconds, or 0
 * @param links its links to other items
 */
public record ItemFacts(String id, String kind, String title, ItemStatus status, Acl acl, long createdMillis, long updatedMillis,
    Set<String> concepts, List<String> authors, String verifiedBy, long verifiedMillis, Set<ItemLink> links) {
  /**
   * The facts of an item.
   *
   * @param item the item as stored
   * @return its facts
   */
  public static ItemFacts of(KnowledgeItem item) {
    return new ItemFacts(item.id(), item.kind().name(), item.title(), item.status(), item.acl(),
        item.created() == null ? 0 : item.created().toEpochMilli(), item.updated() == null ? 0 : item.updated().toEpochMilli(), item.concepts(), item.authors(), item.verifiedBy(),
        item.verifiedAt() == null ? 0 : item.verifiedAt().toEpochMilli(), item.links());
  }

  /**
   * The item's node.
   *
   * @return the node
   */
  public Node node() {
    return Node.of(NodeType.ITEM, id);
  }

  /**
   * The item's own edges: about its concepts, from its authors and verifier, to the items it links to.
   *
   * @return the edges
   */
  public List<Edge> edges() {
    Node self = node();
    List<Edge> out = new ArrayList<>(concepts.size() + authors.size() + links.size() + 1);
    for (String c : concepts) {
      out.add(new Edge(self, EdgeType.ABOUT, Node.of(NodeType.CONCEPT, c), 1));
    }
    for (String a : authors) {
      out.add(new Edge(Node.of(NodeType.PERSON, a), EdgeType.AUTHORED, self, 1));
    }
    if (verifiedBy != null) {
      out.add(new Edge(Node.of(NodeType.PERSON, verifiedBy), EdgeType.VERIFIED, self, 1));
    }
    for (ItemLink l : links) {
      out.add(new Edge(self, EdgeType.of(l.relation()), Node.of(NodeType.ITEM, l.targetId()), 1));
    }
    return out;
  }
}
