package io.zhiku.solr.node;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.core.SolrCore;
import org.apache.solr.handler.RequestHandlerBase;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.response.SolrQueryResponse;
import org.apache.solr.schema.SchemaField;
import org.apache.solr.schema.StrField;
import org.apache.solr.search.DocSet;
import org.apache.solr.search.QParser;
import org.apache.solr.search.SolrIndexSearcher;
import org.apache.solr.search.SyntaxError;
import org.apache.solr.security.AuthorizationContext;

/**
 * Streams the docValues columns of the documents a query matches on this core, segment by segment and in
 * index order: what km-solr's block scans of usage events read instead of {@code /export}, which sorts
 * every document and writes each string value in full. Here a string is written once per segment, the
 * first time a document of the scan uses it; after that only its ordinal. Registered in Zhiku's configset
 * as {@code /zhiku-columns} (lazily, so a node without this jar still loads the collection, and km-solr
 * falls back to {@code /export}).
 *
 * <p>Request: {@code q} and {@code fq} (any query syntax), {@code fl} (comma-separated fields, each with
 * docValues: single-valued numbers and dates, single- or multi-valued strings), {@code distrib=false}, and
 * {@code wt} for a refusal (say {@code json}: a request that streams is answered by the {@value #WRITER}
 * writer whatever it asked, a refusal in the writer asked for, with its reason). Answer, in the order of {@link #FORMAT} 1, numbers as LEB128
 * variable-length integers ({@code zigzag} where signed):
 *
 * <ul>
 *   <li>{@code varint FORMAT}, {@code varint} the number of fields;
 *   <li>per segment with matches: byte {@link #SEGMENT}; per matching document: byte {@link #ROW}, then per
 *       field in {@code fl}'s order: a number as byte 0 (none) or 1 and {@code zigzag varlong} of its
 *       docValues bits (a double's are {@link Double#doubleToLongBits}); a single string as {@code varint}
 *       0 (none) or {@code (ord + 1) << 1 | new}; several strings as {@code varint} their count, each
 *       {@code ord << 1 | new}; a {@code new} ordinal is followed by its UTF-8 bytes ({@code varint} length
 *       first); ordinals are the segment's;
 *   <li>byte {@link #END} and {@code varlong} the number of rows, so a cut stream is told from a whole one.
 * </ul>
 *
 * <p>A failure before the stream starts is an ordinary Solr error answer (bad field, bad query). Reads the
 * request's searcher, as every handler does; thread-safe, like every Solr request handler.
 */
public final class ColumnsHandler extends RequestHandlerBase {
  /** The version of the stream's format. */
  public static final int FORMAT = 1;
  /** Marks the start of a segment's rows: ordinals of earlier segments no longer apply. */
  public static final int SEGMENT = 1;
  /** Marks a row. */
  public static final int ROW = 2;
  /** Marks the end of the stream. */
  public static final int END = 3;
  /** The response writer of a streaming answer, set by the handler. */
  public static final String WRITER = "filestream";

  private enum Kind { NUMBER, STRING, STRINGS }

  @Override
  public void handleRequestBody(SolrQueryRequest req, SolrQueryResponse rsp) throws IOException, SyntaxError {
    SolrParams params = req.getParams();
    String fl = params.get(CommonParams.FL);
    if (fl == null || fl.isBlank()) {
      throw new SolrException(SolrException.ErrorCode.BAD_REQUEST, "fl is required: the docValues fields to read");
    }
    String[] fields = fl.split(",");
    Kind[] kinds = new Kind[fields.length];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = fields[i].trim();
      kinds[i] = kind(req.getSchema().getFieldOrNull(fields[i]), fields[i]);
    }
    List<Query> queries = new ArrayList<>();
    queries.add(QParser.getParser(params.get(CommonParams.Q, "*:*"), req).getQuery());
    String[] filters = params.getParams(CommonParams.FQ);
    if (filters != null) {
      for (String fq : filters) {
        Query q = fq.isBlank() ? null : QParser.getParser(fq, req).getQuery();
        if (q != null) {
          queries.add(q);
        }
      }
    }
    SolrIndexSearcher searcher = req.getSearcher();
    DocSet docs = searcher.getDocSet(queries);
    // The raw stream needs the filestream writer; a request asks for json (or another writer), so that a
    // refusal above comes back with its reason, and only an answer that streams switches.
    req.setParams(new ModifiableSolrParams(params).set(CommonParams.WT, WRITER));
    rsp.add(WRITER, (SolrCore.RawWriter) out -> write(searcher, docs, fields, kinds, out));
  }

  private static Kind kind(SchemaField field, String name) {
    if (field == null || !field.hasDocValues()) {
      throw new SolrException(SolrException.ErrorCode.BAD_REQUEST, "fl: " + name + " is not a field with docValues");
    }
    if (field.getType() instanceof StrField) {
      return field.multiValued() ? Kind.STRINGS : Kind.STRING;
    }
    if (field.getType().getNumberType() != null && !field.multiValued()) {
      return Kind.NUMBER;
    }
    throw new SolrException(SolrException.ErrorCode.BAD_REQUEST,
        "fl: " + name + " must be a single-valued number or date, or a string field");
  }

  private static void write(SolrIndexSearcher searcher, DocSet docs, String[] fields, Kind[] kinds, OutputStream raw)
      throws IOException {
    Out out = new Out(raw);
    out.varLong(FORMAT);
    out.varLong(fields.length);
    long rows = 0;
    for (LeafReaderContext leaf : searcher.getTopReaderContext().leaves()) {
      DocIdSetIterator it = docs.iterator(leaf);
      if (it == null) {
        continue;
      }
      Segment segment = new Segment(leaf.reader(), fields, kinds);
      boolean started = false;
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (!started) {
          out.write(SEGMENT);
          started = true;
        }
        out.write(ROW);
        segment.write(doc, out);
        rows++;
      }
    }
    out.write(END);
    out.varLong(rows);
    out.flush();
  }

  /** One segment's columns, and which of its strings the stream has already carried. */
  private static final class Segment {
    private final Kind[] kinds;
    private final NumericDocValues[] numbers;
    private final SortedDocValues[] strings;
    private final SortedSetDocValues[] stringSets;
    private final FixedBitSet[] sent;

    Segment(LeafReader reader, String[] fields, Kind[] kinds) throws IOException {
      this.kinds = kinds;
      int n = fields.length;
      numbers = new NumericDocValues[n];
      strings = new SortedDocValues[n];
      stringSets = new SortedSetDocValues[n];
      sent = new FixedBitSet[n];
      for (int i = 0; i < n; i++) {
        switch (kinds[i]) {
          case NUMBER -> numbers[i] = DocValues.getNumeric(reader, fields[i]);
          case STRING -> {
            strings[i] = DocValues.getSorted(reader, fields[i]);
            sent[i] = new FixedBitSet(Math.max(1, strings[i].getValueCount()));
          }
          case STRINGS -> {
            stringSets[i] = DocValues.getSortedSet(reader, fields[i]);
            sent[i] = new FixedBitSet((int) Math.max(1, Math.min(Integer.MAX_VALUE, stringSets[i].getValueCount())));
          }
        }
      }
    }

    /** Writes a document's values; documents come in increasing order, as docValues iterators need. */
    void write(int doc, Out out) throws IOException {
      for (int i = 0; i < kinds.length; i++) {
        switch (kinds[i]) {
          case NUMBER -> {
            if (numbers[i].advanceExact(doc)) {
              out.write(1);
              out.zigzag(numbers[i].longValue());
            } else {
              out.write(0);
            }
          }
          case STRING -> {
            SortedDocValues dv = strings[i];
            if (dv.advanceExact(doc)) {
              int ord = dv.ordValue();
              if (mark(out, sent[i], ord, ord + 1L)) {
                out.bytes(dv.lookupOrd(ord));
              }
            } else {
              out.write(0);
            }
          }
          case STRINGS -> {
            SortedSetDocValues dv = stringSets[i];
            if (dv.advanceExact(doc)) {
              int count = dv.docValueCount();
              out.varLong(count);
              for (int k = 0; k < count; k++) {
                long ord = dv.nextOrd();
                if (mark(out, sent[i], ord, ord)) {
                  out.bytes(dv.lookupOrd(ord));
                }
              }
            } else {
              out.write(0);
            }
          }
        }
      }
    }
  }

  /**
   * Writes a string's code, {@code code << 1 | new}, and marks its ordinal sent.
   *
   * @return whether the string is new to the stream in this segment: its bytes must follow
   */
  private static boolean mark(Out out, FixedBitSet sent, long ord, long code) throws IOException {
    boolean fresh = !sent.getAndSet((int) ord);
    out.varLong(code << 1 | (fresh ? 1 : 0));
    return fresh;
  }

  /** LEB128 numbers and length-prefixed bytes through a buffer of its own (no per-byte locking). */
  private static final class Out {
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int used;

    Out(OutputStream out) {
      this.out = out;
    }

    void write(int b) throws IOException {
      if (used == buffer.length) {
        drain();
      }
      buffer[used++] = (byte) b;
    }

    void varLong(long v) throws IOException {
      if (used > buffer.length - 10) {
        drain();
      }
      while ((v & ~0x7FL) != 0) {
        buffer[used++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buffer[used++] = (byte) v;
    }

    void zigzag(long v) throws IOException {
      varLong((v << 1) ^ (v >> 63));
    }

    void bytes(BytesRef b) throws IOException {
      varLong(b.length);
      if (b.length > buffer.length - used) {
        drain();
      }
      if (b.length > buffer.length) {
        out.write(b.bytes, b.offset, b.length);
      } else {
        System.arraycopy(b.bytes, b.offset, buffer, used, b.length);
        used += b.length;
      }
    }

    private void drain() throws IOException {
      out.write(buffer, 0, used);
      used = 0;
    }

    void flush() throws IOException {
      drain();
      out.flush();
    }
  }

  @Override
  public String getDescription() {
    return "Zhiku: the docValues columns of matching documents, segment by segment";
  }

  @Override
  public Name getPermissionName(AuthorizationContext request) {
    return Name.READ_PERM;
  }
}
