package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The reader of the columns stream, on streams written here by hand after km-solr-node's format: strings by
 * ordinal within a segment and again after a new segment, missing values, several strings, and a cut or
 * miscounted stream refused rather than read as a shorter one.
 */
class ColumnStreamTest {
  private static final ColumnStream.Kind[] KINDS = {ColumnStream.Kind.NUMBER, ColumnStream.Kind.STRING,
      ColumnStream.Kind.STRINGS};

  /** Writes the format's pieces. */
  private static final class Writer {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer varLong(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
      return this;
    }

    Writer zigzag(long v) {
      return varLong((v << 1) ^ (v >> 63));
    }

    Writer raw(int b) {
      out.write(b);
      return this;
    }

    Writer string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varLong(b.length);
      out.write(b, 0, b.length);
      return this;
    }

    ColumnStream open() throws IOException {
      ColumnStream s = new ColumnStream(new ByteArrayInputStream(out.toByteArray()), KINDS);
      s.open();
      return s;
    }
  }

  /** Header, one segment with two rows, a second segment with one row: ordinals restart. */
  private static Writer twoSegments() {
    Writer w = new Writer().varLong(1).varLong(3);
    w.raw(1); // segment
    w.raw(2).raw(1).zigzag(-5).varLong((0 + 1) << 1 | 1).string("view").varLong(2).varLong(0 << 1 | 1).string("case=k1")
        .varLong(1 << 1 | 1).string("industry=电信");
    w.raw(2).raw(0).varLong((0 + 1) << 1).varLong(1).varLong(1 << 1); // no number, view again, industry again
    w.raw(1); // a new segment: its ordinal 0 is another string, sent again
    w.raw(2).raw(1).zigzag(1_733_011_200_000L).varLong((0 + 1) << 1 | 1).string("search").varLong(0);
    return w;
  }

  @Test
  void rowsAndStrings_areReadBySegment() throws IOException {
    Writer w = twoSegments().raw(3).varLong(3);
    ColumnStream s = w.open();
    assertTrue(s.next());
    assertTrue(s.has(0));
    assertEquals(-5, s.number(0));
    assertEquals("view", s.string(1, s.ordinal(1)));
    assertEquals(2, s.count(2));
    assertEquals("case=k1", s.string(2, s.ordinal(2, 0)));
    assertEquals("industry=电信", s.string(2, s.ordinal(2, 1)));
    int firstSegment = s.segment();
    assertTrue(s.next());
    assertFalse(s.has(0));
    assertEquals("view", s.string(1, s.ordinal(1)));
    assertEquals(1, s.count(2));
    assertEquals("industry=电信", s.string(2, s.ordinal(2, 0)));
    assertEquals(firstSegment, s.segment());
    assertTrue(s.next());
    assertEquals(firstSegment + 1, s.segment(), "callers' caches by ordinal end with the segment");
    assertEquals(1_733_011_200_000L, s.number(0));
    assertEquals("search", s.string(1, s.ordinal(1)));
    assertEquals(0, s.count(2));
    assertFalse(s.next());
  }

  @Test
  void aMissingString_hasNoOrdinal() throws IOException {
    Writer w = new Writer().varLong(1).varLong(3).raw(1).raw(2).raw(0).varLong(0).varLong(0).raw(3).varLong(1);
    ColumnStream s = w.open();
    assertTrue(s.next());
    assertEquals(-1, s.ordinal(1));
    assertFalse(s.next());
  }

  @Test
  void aCutOrMiscountedStream_isRefused() throws IOException {
    byte[] whole = twoSegments().raw(3).varLong(3).out.toByteArray();
    for (int cut = 3; cut < whole.length; cut++) {
      ColumnStream s = new ColumnStream(new ByteArrayInputStream(Arrays.copyOf(whole, cut)), KINDS);
      s.open();
      assertThrows(IOException.class, () -> {
        while (s.next()) {
          // read on until the stream is found cut
        }
      }, "cut after " + cut + " bytes");
    }
    ColumnStream miscounted = twoSegments().raw(3).varLong(4).open();
    IOException e = assertThrows(IOException.class, () -> {
      while (miscounted.next()) {
        // read on
      }
    });
    assertTrue(e.getMessage().contains("3 rows but says 4"), e.getMessage());
    Writer otherFormat = new Writer().varLong(2).varLong(3);
    assertThrows(IOException.class, otherFormat::open);
    EOFException empty = assertThrows(EOFException.class, new Writer()::open);
    assertTrue(empty.getMessage().contains("ended"), empty.getMessage());
  }
}
