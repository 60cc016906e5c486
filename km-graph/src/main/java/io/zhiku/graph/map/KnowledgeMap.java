package io.zhiku.graph.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.internal.Checks;
import io.zhiku.graph.Node;
import java.util.List;
import java.util.Map;

/**
 * A knowledge map, ready to draw: nodes (the subject, concepts, items, people, customers, partners) and
 * the edges between them, each node in the {@link Section#STATIC} part (the concept hierarchy, verified
 * items, what a customer needs) or the {@link Section#DYNAMIC} part (hot and new items, active experts).
 * Built by {@link KnowledgeMaps} for one viewer: it names only what they may read.
 *
 * <p>A value: immutable and thread-safe. Export with {@link #toJson()}, {@link #toGraphMl()} or {@link
 * #toDot()}.
 *
 * @param title what the map is of
 * @param root the id of the subject's node
 * @param nodes the nodes, the subject first
 * @param edges the edges, between nodes of the map
 */
public record KnowledgeMap(String title, String root, List<MapNode> nodes, List<MapEdge> edges) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Copies.
   *
   * @param title what the map is of
   * @param root the id of the subject's node
   * @param nodes the nodes, the subject first
   * @param edges the edges, between nodes of the map
   */
  public KnowledgeMap {
    Checks.present("KnowledgeMap.title", title);
    Checks.present("KnowledgeMap.root", root);
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** Which part of the map a node belongs to. */
  public enum Section {
    /** Curated structure: the subject, the concept hierarchy, verified items, needs and offers. */
    STATIC,
    /** What is moving now: hot and new items, active experts. */
    DYNAMIC
  }

  /**
   * A node of the map.
   *
   * @param id unique in the map: {@code type:id}, as {@link Node#toString()}
   * @param type the node type's name ({@code concept}, {@code item}, {@code person}...)
   * @param label what to print on it
   * @param section which part of the map it is in
   * @param role why it is there ({@code subject}, {@code broader}, {@code narrower}, {@code verified},
   *     {@code hot}, {@code new}, {@code expert}, {@code need}, {@code solution}, {@code partner})
   * @param attributes figures to show (uses in the window, expert score...), as text
   */
  public record MapNode(String id, String type, String label, Section section, String role, Map<String, String> attributes) {
    /**
     * Copies.
     *
     * @param id unique in the map: {@code type:id}, as {@link Node#toString()}
     * @param type the node type's name ({@code concept}, {@code item}, {@code person}...)
     * @param label what to print on it
     * @param section which part of the map it is in
     * @param role why it is there ({@code subject}, {@code broader}, {@code narrower}, {@code verified},
     *     {@code hot}, {@code new}, {@code expert}, {@code need}, {@code solution}, {@code partner})
     * @param attributes figures to show (uses in the window, expert score...), as text
     */
    public MapNode {
      attributes = Map.copyOf(attributes);
    }
  }

  /**
   * An edge of the map.
   *
   * @param from the id of the node it starts at
   * @param to the id of the node it ends at
   * @param relation what it means ({@code broader}, {@code about}, {@code needs}, {@code offers}, {@code
   *     expert-on}...)
   */
  public record MapEdge(String from, String to, String relation) {}

  /**
   * The map as JSON: {@code {"title", "root", "nodes": [...], "edges": [...]}}.
   *
   * @return the JSON text
   */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new ZhikuException("cannot write the map as JSON", e);
    }
  }

  /**
   * The map as GraphML (yEd, Gephi, Cytoscape): node data {@code label}, {@code type}, {@code section},
   * {@code role}; edge data {@code relation}.
   *
   * @return the GraphML document
   */
  public String toGraphMl() {
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    for (String key : List.of("label", "type", "section", "role")) {
      b.append("  <key id=\"").append(key).append("\" for=\"node\" attr.name=\"").append(key).append("\" attr.type=\"string\"/>\n");
    }
    b.append("  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n");
    b.append("  <graph id=\"").append(xml(title)).append("\" edgedefault=\"directed\">\n");
    for (MapNode n : nodes) {
      b.append("    <node id=\"").append(xml(n.id())).append("\">");
      data(b, "label", n.label());
      data(b, "type", n.type());
      data(b, "section", n.section().name().toLowerCase(java.util.Locale.ROOT));
      data(b, "role", n.role());
      b.append("</node>\n");
    }
    int i = 0;
    for (MapEdge e : edges) {
      b.append("    <edge id=\"e").append(i++).append("\" source=\"").append(xml(e.from())).append("\" target=\"")
          .append(xml(e.to())).append("\">");
      data(b, "relation", e.relation());
      b.append("</edge>\n");
    }
    return b.append("  </graph>\n</graphml>\n").toString();
  }

  private static void data(StringBuilder b, String key, String value) {
    b.append("<data key=\"").append(key).append("\">").append(xml(value)).append("</data>");
  }

  /**
   * The map in Graphviz DOT: static nodes as boxes, dynamic ones as ellipses, the subject bold.
   *
   * @return the DOT text
   */
  public String toDot() {
    StringBuilder b = new StringBuilder("digraph \"").append(dot(title)).append("\" {\n  rankdir=LR;\n");
    for (MapNode n : nodes) {
      b.append("  \"").append(dot(n.id())).append("\" [label=\"").append(dot(n.label())).append("\", shape=")
          .append(n.section() == Section.STATIC ? "box" : "ellipse")
          .append(n.id().equals(root) ? ", style=bold" : "").append("];\n");
    }
    for (MapEdge e : edges) {
      b.append("  \"").append(dot(e.from())).append("\" -> \"").append(dot(e.to())).append("\" [label=\"")
          .append(dot(e.relation())).append("\"];\n");
    }
    return b.append("}\n").toString();
  }

  private static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            b.append(c); // other control characters are not allowed in XML 1.0
          }
        }
      }
    }
    return b.toString();
  }

  private static String dot(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n' || c == '\r') {
        b.append("\\n");
      } else if (c >= 0x20) {
        b.append(c);
      }
    }
    return b.toString();
  }
}
