package io.zhiku.skos;

import io.zhiku.core.internal.ProgressReporter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The guards a SKOS file passes through on its way to the RDF parser, each enforced while the file
 * streams, so that a file over a limit is refused when the limit is reached, before the parser has
 * built what lies beyond it:
 *
 * <ul>
 *   <li>bytes: at most {@link SkosOptions#maxBytes()};
 *   <li>encoding: strict decoding (UTF-8 for Turtle; for RDF/XML, the byte-order mark, UTF-16 detected
 *       from the first characters, or the XML declaration's encoding, UTF-8 by default), so that Latin-1
 *       bytes or an overlong UTF-8 sequence are refused with their byte offset instead of becoming U+FFFD
 *       in labels;
 *   <li>structure: in Turtle, blank-node property lists and collections nested at most {@link
 *       SkosOptions#maxDepth()} deep (the parser recurses on them), and no string, IRI, comment or token
 *       longer than {@link SkosOptions#maxLiteralChars()}; in RDF/XML, elements at most {@code maxDepth}
 *       deep (counted by a SAX filter) and no run of more than {@code maxLiteralChars} characters without
 *       a {@code <} (which bounds text, attribute values and tags alike).
 * </ul>
 *
 * A breach throws {@link Refused}, an {@link IOException} carrying the message and position, which the
 * parser lets through. Not thread-safe: one per import.
 */
final class SkosInput {
  private SkosInput() {}

  /** A limit or encoding breach, with where in the file it happened. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    final long line;
    final long column;

    Refused(String message, long line, long column) {
      super(message + (line > 0 ? " (line " + line + ", column " + column + ")" : ""));
      this.line = line;
      this.column = column;
    }
  }

  /**
   * The file as characters, with every guard but the XML depth in place.
   *
   * @param in the bytes
   * @param format the syntax
   * @param options the limits
   * @param position where the parser is: kept up to date by the returned reader
   * @return the guarded characters
   * @throws IOException if the first bytes cannot be read
   */
  static Reader open(InputStream in, SkosFormat format, SkosOptions options, Position position) throws IOException {
    BoundedBytes bytes = new BoundedBytes(in, options.maxBytes(), position);
    if (format == SkosFormat.TURTLE) {
      // Buffered: RDF4J's Turtle parser reads one character at a time, and each read through the guards
      // would allocate; the guards still look at every character, in order, as it passes.
      return new BufferedReader(new TurtleGuard(new StrictDecoder(bytes, StandardCharsets.UTF_8, 0, position), position, options),
          BUFFER_CHARS);
    }
    byte[] head = bytes.readNBytes(256);
    int bom = 0;
    Charset charset = StandardCharsets.UTF_8;
    if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      bom = 3;
    } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      bom = 2;
      charset = StandardCharsets.UTF_16BE;
    } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      bom = 2;
      charset = StandardCharsets.UTF_16LE;
    } else if (head.length >= 4 && head[0] == '<' && head[1] == 0 && head[2] == '?' && head[3] == 0) {
      charset = StandardCharsets.UTF_16LE; // UTF-16 without a byte-order mark, detected as XML 1.0 (appendix F) says
    } else if (head.length >= 4 && head[0] == 0 && head[1] == '<' && head[2] == 0 && head[3] == '?') {
      charset = StandardCharsets.UTF_16BE;
    } else {
      charset = declaredEncoding(head);
    }
    InputStream rest = new java.io.SequenceInputStream(
        new java.io.ByteArrayInputStream(head, bom, head.length - bom), bytes);
    return new BufferedReader(new XmlGuard(new StrictDecoder(rest, charset, bom, position), position, options), BUFFER_CHARS);
  }

  /** Characters read from the guards at a time. */
  private static final int BUFFER_CHARS = 8192;

  private static final Pattern ENCODING = Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

  /** The encoding an XML declaration names (read as ASCII), or UTF-8. */
  private static Charset declaredEncoding(byte[] head) throws Refused {
    Matcher m = ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
    if (!m.find()) {
      return StandardCharsets.UTF_8;
    }
    String name = m.group(1);
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new Refused("the XML declaration names the encoding \"" + name + "\", which this JVM does not support", 1, 1);
    }
  }

  /**
   * An XML reader for RDF4J ({@code XMLParserSettings.CUSTOM_XML_READER}) that refuses elements nested
   * deeper than the limit as it meets them.
   *
   * @param parent the hardened XML reader that does the parsing
   * @param maxDepth the deepest element allowed, the root being 1
   * @return the filtering reader
   */
  static XMLReader depthLimited(XMLReader parent, int maxDepth) {
    return new XMLFilterImpl(parent) {
      private int depth;
      private org.xml.sax.Locator locator;

      @Override
      public void setDocumentLocator(org.xml.sax.Locator l) {
        this.locator = l;
        super.setDocumentLocator(l);
      }

      @Override
      public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        if (++depth > maxDepth) {
          String what = "elements are nested more than " + maxDepth + " deep (SkosOptions.maxDepth)";
          long line = locator == null ? -1 : locator.getLineNumber();
          long column = locator == null ? -1 : locator.getColumnNumber();
          throw new SAXParseException(what, locator, new Refused(what, line, column));
        }
        super.startElement(uri, localName, qName, atts);
      }

      @Override
      public void endElement(String uri, String localName, String qName) throws SAXException {
        depth--;
        super.endElement(uri, localName, qName);
      }
    };
  }

  /**
   * Line and column of the next character the guards read (they read up to {@value #BUFFER_CHARS}
   * characters ahead of the parser, so a refusal by the guards is exact and one by the parser's handler is
   * near), and a watchdog for parsers that stop reading: {@link #statement()} refuses the file when the
   * parser reports far more statements than the characters of the last read could hold. It also passes the
   * bytes read on to the import's progress.
   */
  static final class Position {
    /** Statements allowed without a read, beyond two per character of the last read. */
    private static final int SLACK = 10_000;
    long line = 1;
    long column = 1;
    private int lastRead;
    private long sinceRead;
    /** Hears the bytes read so far. */
    private final ProgressReporter bytesRead;

    Position(ProgressReporter bytesRead) {
      this.bytesRead = bytesRead;
    }

    void read(int chars) {
      lastRead = chars;
      sinceRead = 0;
    }

    /**
     * Counts a statement the parser reported.
     *
     * @throws Refused if the parser reported more statements since its last read than that read could hold:
     *     it is looping on malformed input without consuming it (RDF4J 5.3's Turtle parser does on some
     *     unclosed collections)
     */
    void statement() throws Refused {
      if (++sinceRead > SLACK + 2L * lastRead) {
        throw new Refused("the file is malformed: the parser made " + sinceRead + " statements without reading further", line, column);
      }
    }

    void advance(char c) {
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
  }

  /** Bytes that fail, rather than truncate, past a limit; their count goes to the position's progress. */
  private static final class BoundedBytes extends java.io.FilterInputStream {
    private final long limit;
    private final Position position;
    private long count;

    BoundedBytes(InputStream in, long limit, Position position) {
      super(in);
      this.limit = limit;
      this.position = position;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count(skipped);
      return skipped;
    }

    private void count(long n) throws Refused {
      count += n;
      position.bytesRead.update(count);
      if (count > limit) {
        throw new Refused("the file is larger than " + limit + " bytes (SkosOptions.maxBytes)", -1, -1);
      }
    }
  }

  /** Decodes bytes strictly: a malformed or unmappable sequence is refused with its byte offset. */
  private static final class StrictDecoder extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final Position position;
    private final ByteBuffer bytes = ByteBuffer.allocate(8192);
    private long consumed; // bytes decoded before bytes.position()
    private boolean eof;
    private boolean done;

    StrictDecoder(InputStream in, Charset charset, long offset, Position position) {
      this.in = in;
      this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      this.position = position;
      this.consumed = offset;
      bytes.flip();
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      CharBuffer out = CharBuffer.wrap(buf, off, len);
      while (out.position() == off && !done) {
        int before = bytes.position();
        CoderResult r = decoder.decode(bytes, out, eof);
        consumed += bytes.position() - before;
        if (r.isError() && out.position() > off) {
          break; // hand on the characters before the bad bytes; the next read refuses them at their position
        }
        check(r);
        if (r.isUnderflow()) {
          if (eof) {
            decoder.flush(out);
            done = true;
          } else {
            fill();
          }
        }
      }
      return out.position() == off ? -1 : out.position() - off;
    }

    private void check(CoderResult r) throws Refused {
      if (r.isError()) {
        byte[] bad = new byte[Math.min(r.length(), bytes.remaining())];
        bytes.get(bytes.position(), bad);
        StringBuilder hex = new StringBuilder();
        for (byte b : bad) {
          hex.append(hex.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02X", b & 0xFF));
        }
        throw new Refused("the file is not valid " + decoder.charset().name() + ": malformed bytes " + hex + " at byte offset "
            + consumed, position.line, position.column);
      }
    }

    /** Moves unread bytes to the front and reads more, or notes the end of the stream. */
    private void fill() throws IOException {
      bytes.compact();
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        eof = true;
      } else {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Hands characters on while tracking where they are; subclasses watch the syntax. */
  private abstract static class Guard extends Reader {
    private final Reader in;
    final Position position;
    final int maxDepth;
    final int maxRun;

    Guard(Reader in, Position position, SkosOptions options) {
      this.in = in;
      this.position = position;
      this.maxDepth = options.maxDepth();
      this.maxRun = options.maxLiteralChars();
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      int n = in.read(buf, off, len);
      if (n < 0) {
        end();
      }
      position.read(Math.max(0, n));
      for (int i = off; i < off + n; i++) {
        see(buf[i]);
        position.advance(buf[i]);
      }
      return n;
    }

    /** Looks at the next character before it is handed on. */
    abstract void see(char c) throws Refused;

    /** Called at the end of the file, before the parser hears of it. */
    void end() throws Refused {}

    Refused refuse(String what) {
      return new Refused(what, position.line, position.column);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * Turtle, lexically: outside strings, IRIs and comments, {@code [} and {@code (} open a level and
   * {@code ]} and {@code )} close one; strings (short and long, with escapes), IRIs, comments and runs of
   * non-blank characters are each bounded in length.
   */
  private static final class TurtleGuard extends Guard {
    private enum State { CODE, IRI, COMMENT, QUOTE1, QUOTE2, STRING, LONG_STRING }

    private State state = State.CODE;
    private char quote;
    private boolean escaped;
    private int closing; // consecutive unescaped quotes inside a long string
    private int depth;
    private int run;

    TurtleGuard(Reader in, Position position, SkosOptions options) {
      super(in, position, options);
    }

    @Override
    void see(char c) throws Refused {
      switch (state) {
        case CODE -> code(c);
        case IRI -> until(c, c == '>', "an IRI");
        case COMMENT -> until(c, c == '\n' || c == '\r', "a comment");
        case QUOTE1 -> { // one quote seen: a second may make an empty string or open a long one
          if (c == quote) {
            state = State.QUOTE2;
          } else {
            state = State.STRING;
            string(c);
          }
        }
        case QUOTE2 -> {
          if (c == quote) {
            state = State.LONG_STRING;
            closing = 0;
          } else {
            state = State.CODE; // it was an empty string
            code(c);
          }
        }
        case STRING -> string(c);
        case LONG_STRING -> {
          if (escaped) {
            escaped = false;
            closing = 0;
          } else if (c == '\\') {
            escaped = true;
            closing = 0;
          } else if (c == quote) {
            if (++closing == 3) {
              state = State.CODE;
              run = 0;
              return;
            }
          } else {
            closing = 0;
          }
          grow("a string");
        }
        default -> throw new IllegalStateException(state.name());
      }
    }

    private void string(char c) throws Refused {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == quote) {
        state = State.CODE;
        run = 0;
        return;
      }
      grow("a string");
    }

    /** Inside an IRI or comment: back to code at its end, else one more character of it. */
    private void until(char c, boolean end, String what) throws Refused {
      if (end) {
        state = State.CODE;
        run = 0;
      } else {
        grow(what);
      }
    }

    private void code(char c) throws Refused {
      if (escaped) { // a name's escaped character, as in ex:a\#b: never syntax
        escaped = false;
        grow("a name");
        return;
      }
      switch (c) {
        case '\\' -> {
          escaped = true;
          grow("a name");
        }
        case '<' -> {
          state = State.IRI;
          run = 0;
        }
        case '#' -> {
          state = State.COMMENT;
          run = 0;
        }
        case '"', '\'' -> {
          state = State.QUOTE1;
          quote = c;
          escaped = false;
          run = 0;
        }
        case '[', '(' -> {
          if (++depth > maxDepth) {
            throw refuse("blank nodes and collections are nested more than " + maxDepth + " deep (SkosOptions.maxDepth)");
          }
          run = 0;
        }
        case ']', ')' -> {
          depth = Math.max(0, depth - 1);
          run = 0;
        }
        case ' ', '\t', '\n', '\r', ';', ',' -> run = 0;
        default -> grow("a name");
      }
    }

    /**
     * A file that ends inside a string, an IRI or an open list is malformed: refused here, at its end,
     * because RDF4J's Turtle parser (5.3) keeps reading an unclosed collection past the end, adding
     * statements until the statement limit stops it (half a minute at the default limit).
     */
    @Override
    void end() throws Refused {
      if (depth > 0) {
        throw refuse("the file ends inside " + depth + " unclosed blank node or collection bracket(s)");
      }
      if (state != State.CODE && state != State.COMMENT && state != State.QUOTE2) {
        throw refuse("the file ends inside " + (state == State.IRI ? "an IRI" : "a string"));
      }
    }

    /** Counts one more character of the current string, IRI, comment or name. */
    private void grow(String what) throws Refused {
      if (++run > maxRun) {
        throw refuse(what + " is longer than " + maxRun + " characters (SkosOptions.maxLiteralChars)");
      }
    }
  }

  /** RDF/XML, lexically: no run of more than the limit without a {@code <}. */
  private static final class XmlGuard extends Guard {
    private int run;

    XmlGuard(Reader in, Position position, SkosOptions options) {
      super(in, position, options);
    }

    @Override
    void see(char c) throws Refused {
      if (c == '<') {
        run = 0;
      } else if (++run > maxRun) {
        throw refuse("text, an attribute value or a tag runs longer than " + maxRun
            + " characters (SkosOptions.maxLiteralChars)");
      }
    }
  }
}
