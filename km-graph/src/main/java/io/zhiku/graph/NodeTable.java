package io.zhiku.graph;

import io.zhiku.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The nodes of a snapshot without an object per node: each node's type as a byte, all ids in one byte
 * array with offsets (an id is ASCII, see {@link Node}), and an open-addressing table of node numbers for
 * lookups. About 9 bytes per node plus its id's length, where a {@code Node} object, its id string and a
 * hash-map entry cost over 100. {@link Node} values are made on demand.
 *
 * <p>Grows while a {@link GraphSnapshot.Builder} adds nodes; {@link #trim} then fits the arrays. Not
 * thread-safe while growing; immutable and safe to share once trimmed and published.
 */
final class NodeTable {
  private static final float MAX_LOAD = 0.75f;

  private final Map<NodeType, Integer> typeIndex = new HashMap<>();
  private NodeType[] types = new NodeType[4];
  private int typeCount;
  private byte[] type = new byte[16];
  private int[] start = new int[17];
  private byte[] chars = new byte[128];
  private int[] slots = new int[32]; // node number + 1; 0 is free
  private int size;

  /** How many nodes. */
  int size() {
    return size;
  }

  /**
   * Adds a node if it is new.
   *
   * @return its number
   * @throws ValidationException if it would be the {@code max+1}-th node type
   */
  int add(Node node, int maxTypes) {
    int t = addType(node.type(), maxTypes);
    String id = node.id();
    int h = hash(t, id.hashCode());
    int mask = slots.length - 1;
    for (int s = h & mask; ; s = (s + 1) & mask) {
      int v = slots[s] - 1;
      if (v < 0) {
        return insert(s, t, id);
      }
      if (matches(v, t, id)) {
        return v;
      }
    }
  }

  /** A node's number, or -1. */
  int find(Node node) {
    int t = typeNumber(node.type());
    if (t < 0) {
      return -1;
    }
    String id = node.id();
    int mask = slots.length - 1;
    for (int s = hash(t, id.hashCode()) & mask; ; s = (s + 1) & mask) {
      int v = slots[s] - 1;
      if (v < 0) {
        return -1;
      }
      if (matches(v, t, id)) {
        return v;
      }
    }
  }

  /** The node with a number in {@code 0..size-1}, made now. */
  Node node(int v) {
    return new Node(types[type[v] & 0xff], id(v));
  }

  /** A node's type number. */
  int typeOf(int v) {
    return type[v] & 0xff;
  }

  /** A node's type. */
  NodeType type(int v) {
    return types[type[v] & 0xff];
  }

  /** A type's number, or -1 if no node has it. */
  int typeNumber(NodeType t) {
    Integer i = typeIndex.get(t);
    return i == null ? -1 : i;
  }

  /** A node's id, made now. */
  String id(int v) {
    return new String(chars, start[v], start[v + 1] - start[v], StandardCharsets.ISO_8859_1);
  }

  /** The per-node type numbers (shared, never changed once trimmed). */
  byte[] typeArray() {
    return type;
  }

  /** Fits the arrays to the nodes held; call once, when no more nodes come. */
  NodeTable trim() {
    type = Arrays.copyOf(type, size);
    start = Arrays.copyOf(start, size + 1);
    chars = Arrays.copyOf(chars, start[size]);
    types = Arrays.copyOf(types, typeCount);
    return this;
  }

  private int addType(NodeType t, int maxTypes) {
    Integer i = typeIndex.get(t);
    if (i != null) {
      return i;
    }
    if (typeCount == maxTypes) {
      throw new ValidationException("node type", t, "at most " + maxTypes + " node types per snapshot");
    }
    if (typeCount == types.length) {
      types = Arrays.copyOf(types, typeCount * 2);
    }
    types[typeCount] = t;
    typeIndex.put(t, typeCount);
    return typeCount++;
  }

  private boolean matches(int v, int t, String id) {
    if ((type[v] & 0xff) != t) {
      return false;
    }
    int from = start[v];
    int length = start[v + 1] - from;
    if (length != id.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (chars[from + i] != (byte) id.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int insert(int slot, int t, String id) {
    if (size == Integer.MAX_VALUE - 8) {
      throw new ValidationException("nodes", size, "at most " + (Integer.MAX_VALUE - 8) + " per snapshot");
    }
    int v = size;
    if (v == type.length) {
      int grown = (int) Math.min(Integer.MAX_VALUE - 8L, 2L * v);
      type = Arrays.copyOf(type, grown);
      start = Arrays.copyOf(start, grown + 1);
    }
    int from = start[v];
    int length = id.length();
    if ((long) from + length > Integer.MAX_VALUE - 8) {
      throw new ValidationException("node ids", (long) from + length, "at most " + (Integer.MAX_VALUE - 8) + " characters per snapshot");
    }
    if (from + length > chars.length) {
      chars = Arrays.copyOf(chars, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(2L * chars.length, from + length)));
    }
    for (int i = 0; i < length; i++) {
      chars[from + i] = (byte) id.charAt(i); // ids are ASCII (Checks.id)
    }
    start[v + 1] = from + length;
    type[v] = (byte) t;
    size++;
    slots[slot] = v + 1;
    if (size > slots.length * MAX_LOAD) {
      rehash(slots.length * 2);
    }
    return v;
  }

  private void rehash(int capacity) {
    int[] fresh = new int[capacity];
    int mask = capacity - 1;
    for (int v = 0; v < size; v++) {
      int s = hash(typeOf(v), idHash(v)) & mask;
      while (fresh[s] != 0) {
        s = (s + 1) & mask;
      }
      fresh[s] = v + 1;
    }
    slots = fresh;
  }

  /** {@link String#hashCode()} of a stored id, without making the string. */
  private int idHash(int v) {
    int h = 0;
    for (int i = start[v]; i < start[v + 1]; i++) {
      h = 31 * h + (chars[i] & 0xff);
    }
    return h;
  }

  private static int hash(int type, int idHash) {
    int h = idHash * 31 + type; // then MurmurHash3's finaliser: every bit of the key reaches the low bits
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }
}
