package io.zhiku.graph.jgrapht;

import io.zhiku.core.internal.Checks;
import io.zhiku.graph.Edge;
import io.zhiku.graph.EdgeDirection;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import org.jgrapht.Graph;
import org.jgrapht.GraphType;
import org.jgrapht.graph.AbstractGraph;
import org.jgrapht.graph.DefaultGraphType;

/**
 * A knowledge-graph snapshot as a read-only JGraphT {@link Graph}{@code <Node, Edge>}, so that any
 * JGraphT algorithm runs on it without a copy: vertices are the snapshot's {@link Node}s, edges its
 * {@link Edge} values (source, type, target, weight). The graph is directed and weighted, may have several
 * edges between two nodes (one per edge type) and self-loops: a directed weighted pseudograph. Every
 * change throws {@link UnsupportedOperationException}.
 *
 * <p>Vertices and edges are made when asked for (the snapshot keeps neither as objects), so a walk that
 * holds on to them holds copies; equal values are equal. Immutable and thread-safe, like the snapshot.
 *
 * <p>JGraphT is an optional dependency of km-graph: a host that uses this view adds {@code
 * org.jgrapht:jgrapht-core} itself.
 */
public final class SnapshotGraph extends AbstractGraph<Node, Edge> {
  private static final GraphType TYPE = new DefaultGraphType.Builder().directed().allowMultipleEdges(true)
      .allowSelfLoops(true).weighted(true).modifiable(false).build();

  private final GraphSnapshot snapshot;
  private final Set<Node> vertices = new Vertices();
  private final Set<Edge> edges = new Edges();

  private SnapshotGraph(GraphSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /**
   * The view of a snapshot.
   *
   * @param snapshot the snapshot
   * @return the read-only graph
   * @throws io.zhiku.core.ValidationException if the snapshot is missing
   */
  public static SnapshotGraph of(GraphSnapshot snapshot) {
    return new SnapshotGraph(Checks.present("snapshot", snapshot));
  }

  /**
   * The snapshot this view shows.
   *
   * @return the snapshot
   */
  public GraphSnapshot snapshot() {
    return snapshot;
  }

  private int index(Object vertex) {
    return vertex instanceof Node n ? snapshot.indexOf(n) : -1;
  }

  private int require(Node vertex) {
    int v = index(vertex);
    if (v < 0) {
      throw new IllegalArgumentException("no such vertex in graph: " + vertex);
    }
    return v;
  }

  /** The edges of a node in one direction, as values. */
  private List<Edge> edgesAt(int v, EdgeDirection direction) {
    Node self = snapshot.node(v);
    List<Edge> out = new ArrayList<>();
    snapshot.forEachEdge(v, direction, (other, type, weight) -> {
      Node o = snapshot.node(other);
      out.add(direction == EdgeDirection.IN ? new Edge(o, type, self, weight) : new Edge(self, type, o, weight));
    });
    return out;
  }

  @Override
  public Set<Edge> getAllEdges(Node sourceVertex, Node targetVertex) {
    int s = index(sourceVertex);
    if (s < 0 || index(targetVertex) < 0) {
      return null; // as JGraphT's graphs answer for absent vertices
    }
    Set<Edge> out = new LinkedHashSet<>();
    for (Edge e : edgesAt(s, EdgeDirection.OUT)) {
      if (e.target().equals(targetVertex)) {
        out.add(e);
      }
    }
    return Collections.unmodifiableSet(out);
  }

  @Override
  public Edge getEdge(Node sourceVertex, Node targetVertex) {
    Set<Edge> all = getAllEdges(sourceVertex, targetVertex);
    return all == null || all.isEmpty() ? null : all.iterator().next();
  }

  @Override
  public Supplier<Node> getVertexSupplier() {
    return null;
  }

  @Override
  public Supplier<Edge> getEdgeSupplier() {
    return null;
  }

  @Override
  public Edge addEdge(Node sourceVertex, Node targetVertex) {
    throw readOnly();
  }

  @Override
  public boolean addEdge(Node sourceVertex, Node targetVertex, Edge e) {
    throw readOnly();
  }

  @Override
  public Node addVertex() {
    throw readOnly();
  }

  @Override
  public boolean addVertex(Node v) {
    throw readOnly();
  }

  @Override
  public boolean containsEdge(Edge e) {
    int s = index(e == null ? null : e.source());
    return s >= 0 && edgesAt(s, EdgeDirection.OUT).contains(e);
  }

  @Override
  public boolean containsVertex(Node v) {
    return index(v) >= 0;
  }

  @Override
  public Set<Edge> edgeSet() {
    return edges;
  }

  @Override
  public int degreeOf(Node vertex) {
    int v = require(vertex);
    return snapshot.inDegree(v) + snapshot.outDegree(v); // a self-loop counts twice, as in JGraphT
  }

  @Override
  public Set<Edge> edgesOf(Node vertex) {
    int v = require(vertex);
    Set<Edge> out = new LinkedHashSet<>(edgesAt(v, EdgeDirection.OUT));
    out.addAll(edgesAt(v, EdgeDirection.IN)); // a self-loop is one edge
    return Collections.unmodifiableSet(out);
  }

  @Override
  public int inDegreeOf(Node vertex) {
    return snapshot.inDegree(require(vertex));
  }

  @Override
  public Set<Edge> incomingEdgesOf(Node vertex) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(edgesAt(require(vertex), EdgeDirection.IN)));
  }

  @Override
  public int outDegreeOf(Node vertex) {
    return snapshot.outDegree(require(vertex));
  }

  @Override
  public Set<Edge> outgoingEdgesOf(Node vertex) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(edgesAt(require(vertex), EdgeDirection.OUT)));
  }

  @Override
  public Edge removeEdge(Node sourceVertex, Node targetVertex) {
    throw readOnly();
  }

  @Override
  public boolean removeEdge(Edge e) {
    throw readOnly();
  }

  @Override
  public boolean removeVertex(Node v) {
    throw readOnly();
  }

  @Override
  public Set<Node> vertexSet() {
    return vertices;
  }

  @Override
  public Node getEdgeSource(Edge e) {
    return requireEdge(e).source();
  }

  @Override
  public Node getEdgeTarget(Edge e) {
    return requireEdge(e).target();
  }

  @Override
  public GraphType getType() {
    return TYPE;
  }

  @Override
  public double getEdgeWeight(Edge e) {
    return requireEdge(e).weight();
  }

  @Override
  public void setEdgeWeight(Edge e, double weight) {
    throw readOnly();
  }

  private Edge requireEdge(Edge e) {
    if (e == null) {
      throw new NullPointerException("edge");
    }
    return e;
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("a snapshot's JGraphT view is read-only");
  }

  /** The nodes, in the snapshot's order. */
  private final class Vertices extends AbstractSet<Node> {
    @Override
    public Iterator<Node> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < snapshot.nodeCount();
        }

        @Override
        public Node next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return snapshot.node(next++);
        }
      };
    }

    @Override
    public int size() {
      return snapshot.nodeCount();
    }

    @Override
    public boolean contains(Object o) {
      return index(o) >= 0;
    }
  }

  /** The edges, node by node in the snapshot's order. */
  private final class Edges extends AbstractSet<Edge> {
    @Override
    public Iterator<Edge> iterator() {
      return new Iterator<>() {
        private int node;
        private Iterator<Edge> current = Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!current.hasNext() && node < snapshot.nodeCount()) {
            current = edgesAt(node++, EdgeDirection.OUT).iterator();
          }
          return current.hasNext();
        }

        @Override
        public Edge next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return current.next();
        }
      };
    }

    @Override
    public int size() {
      return snapshot.edgeCount();
    }

    @Override
    public boolean contains(Object o) {
      return o instanceof Edge e && containsEdge(e);
    }
  }
}
