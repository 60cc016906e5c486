package io.zhiku.graph;

import io.zhiku.core.StorageException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemLink;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.graph.internal.ItemFacts;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The graph's committed state on disk: one file, {@value #NAME}, written whole to a temporary file,
 * forced to the device, then renamed over the old one (atomic on the file systems Zhiku supports), so a
 * crash leaves either the previous commit or the new one, never a mix. A CRC-32 at the end catches a
 * damaged file.
 */
final class GraphFile {
  static final String NAME = "graph.bin";
  private static final String TEMP = "graph.bin.tmp";
  private static final int MAGIC = 0x5A4B4731; // "ZKG1"
  private static final int FORMAT = 2; // 2: item creation times

  private GraphFile() {}

  /** Writes the state to the temporary file and forces it to the device; {@link #publish} makes it the commit. */
  static void writeTemp(Path dir, GraphState s) throws IOException {
    Files.createDirectories(dir);
    Path temp = dir.resolve(TEMP);
    CRC32 crc = new CRC32();
    try (OutputStream file = Files.newOutputStream(temp);
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(file, 1 << 16), crc))) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeLong(s.itemSequence);
      out.writeLong(s.eventSequence);
      out.writeInt(s.hostNodes.size());
      for (Map.Entry<Node, Map<String, String>> e : s.hostNodes.entrySet()) {
        writeNode(out, e.getKey());
        out.writeInt(e.getValue().size());
        for (Map.Entry<String, String> p : e.getValue().entrySet()) {
          writeString(out, p.getKey());
          writeString(out, p.getValue());
        }
      }
      writeEdges(out, s.hostEdges);
      writeEdges(out, s.eventEdges);
      out.writeInt(s.items.size());
      for (ItemFacts f : s.items.values()) {
        writeFacts(out, f);
      }
      out.flush();
      // The checksum of everything above, outside the checksummed stream.
      long sum = crc.getValue();
      DataOutputStream tail = new DataOutputStream(file);
      tail.writeLong(sum);
      tail.flush();
    }
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Renames the temporary file over the last commit, atomically, and forces the rename. */
  static void publish(Path dir) throws IOException {
    Path temp = dir.resolve(TEMP);
    Files.move(temp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // the rename itself
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename is then as durable as the platform makes it.
    }
  }

  /**
   * Reads the last commit.
   *
   * @return the state, or {@code null} if the graph was never committed here
   * @throws ZhikuException if the file is damaged
   */
  static GraphState read(Path dir) throws IOException {
    Path file = dir.resolve(NAME);
    Files.deleteIfExists(dir.resolve(TEMP)); // a commit that did not finish
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (size < 8) {
      throw damaged(file, "shorter than its checksum");
    }
    CRC32 crc = new CRC32();
    GraphState s = new GraphState();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream in = new DataInputStream(new CheckedInputStream(new BoundedStream(raw, size - 8), crc));
      if (in.readInt() != MAGIC) {
        throw damaged(file, "not a Zhiku graph file");
      }
      int format = in.readInt();
      if (format != FORMAT) {
        throw damaged(file, "format " + format + ", this version reads format " + FORMAT);
      }
      s.itemSequence = in.readLong();
      s.eventSequence = in.readLong();
      for (int n = count(in, file); n > 0; n--) {
        Node node = readNode(in);
        Map<String, String> props = new HashMap<>();
        for (int p = count(in, file); p > 0; p--) {
          props.put(readString(in), readString(in));
        }
        s.hostNodes.put(node, Map.copyOf(props));
      }
      readEdges(in, file, s.hostEdges, s);
      readEdges(in, file, s.eventEdges, s);
      for (int n = count(in, file); n > 0; n--) {
        ItemFacts f = readFacts(in, file);
        s.items.put(f.id(), f);
      }
      long expected = crc.getValue();
      if (in.read() != -1) {
        throw damaged(file, "trailing bytes before the checksum");
      }
      long stored = new DataInputStream(raw).readLong();
      if (stored != expected) {
        throw damaged(file, "checksum mismatch");
      }
    } catch (EOFException | RuntimeException e) {
      if (e instanceof ZhikuException z) {
        throw z;
      }
      throw new StorageException("the graph file " + file + " is damaged: " + e.getMessage(), e);
    }
    return s;
  }

  private static StorageException damaged(Path file, String why) {
    return new StorageException("the graph file " + file + " is damaged: " + why
        + "; restore it from a backup, or delete it to rebuild what the knowledge base holds (host-added nodes and edges are then lost)",
        null);
  }

  private static int count(DataInputStream in, Path file) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw damaged(file, "negative count " + n);
    }
    return n;
  }

  private static void writeEdges(DataOutputStream out, Map<GraphState.Key, Double> edges) throws IOException {
    out.writeInt(edges.size());
    for (Map.Entry<GraphState.Key, Double> e : edges.entrySet()) {
      writeNode(out, e.getKey().source());
      writeString(out, e.getKey().type().name());
      writeNode(out, e.getKey().target());
      out.writeDouble(e.getValue());
    }
  }

  private static void readEdges(DataInputStream in, Path file, Map<GraphState.Key, Double> into, GraphState s)
      throws IOException {
    for (int n = count(in, file); n > 0; n--) {
      Node source = s.intern(readNode(in));
      EdgeType type = EdgeType.of(readString(in));
      Node target = s.intern(readNode(in));
      double w = in.readDouble();
      into.put(new GraphState.Key(source, type, target), new Edge(source, type, target, w).weight());
    }
  }

  private static void writeFacts(DataOutputStream out, ItemFacts f) throws IOException {
    writeString(out, f.id());
    writeString(out, f.kind());
    writeString(out, f.title());
    writeString(out, f.status().name());
    out.writeBoolean(f.acl().everyone());
    writeStrings(out, f.acl().users());
    writeStrings(out, f.acl().groups());
    writeStrings(out, f.acl().roles());
    out.writeLong(f.createdMillis());
    out.writeLong(f.updatedMillis());
    writeStrings(out, f.concepts());
    writeStrings(out, f.authors());
    out.writeBoolean(f.verifiedBy() != null);
    if (f.verifiedBy() != null) {
      writeString(out, f.verifiedBy());
    }
    out.writeLong(f.verifiedMillis());
    out.writeInt(f.links().size());
    for (ItemLink l : f.links()) {
      writeString(out, l.relation());
      writeString(out, l.targetId());
    }
  }

  private static ItemFacts readFacts(DataInputStream in, Path file) throws IOException {
    String id = readString(in);
    String kind = readString(in);
    String title = readString(in);
    ItemStatus status = ItemStatus.valueOf(readString(in));
    boolean everyone = in.readBoolean();
    List<String> users = readStrings(in, file);
    List<String> groups = readStrings(in, file);
    List<String> roles = readStrings(in, file);
    Acl acl = everyone ? Acl.PUBLIC : Acl.allow(users, groups, roles);
    long created = in.readLong();
    long updated = in.readLong();
    Set<String> concepts = new LinkedHashSet<>(readStrings(in, file));
    List<String> authors = readStrings(in, file);
    String verifiedBy = in.readBoolean() ? readString(in) : null;
    long verified = in.readLong();
    Set<ItemLink> links = new LinkedHashSet<>();
    for (int n = count(in, file); n > 0; n--) {
      links.add(new ItemLink(readString(in), readString(in)));
    }
    return new ItemFacts(id, kind, title, status, acl, created, updated, Set.copyOf(concepts), List.copyOf(authors), verifiedBy,
        verified, Set.copyOf(links));
  }

  private static void writeNode(DataOutputStream out, Node n) throws IOException {
    writeString(out, n.type().name());
    writeString(out, n.id());
  }

  private static Node readNode(DataInputStream in) throws IOException {
    return Node.of(NodeType.of(readString(in)), readString(in));
  }

  private static void writeStrings(DataOutputStream out, java.util.Collection<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      writeString(out, v);
    }
  }

  private static List<String> readStrings(DataInputStream in, Path file) throws IOException {
    int n = count(in, file);
    List<String> out = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      out.add(readString(in));
    }
    return out;
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 20) {
      throw new IOException("a string of " + n + " bytes");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Reads at most a number of bytes of another stream, leaving the rest (the checksum) unread. */
  private static final class BoundedStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedStream(InputStream in, long limit) {
      this.in = in;
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int r = in.read(b, off, (int) Math.min(len, left));
      if (r > 0) {
        left -= r;
      }
      return r;
    }
  }
}
