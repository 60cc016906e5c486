package io.zhiku.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON mapping shared by every Zhiku module: model values to and from JSON, hardened for untrusted
 * input.
 *
 * <ul>
 *   <li>No default typing: a class name in the input is never honoured; the only polymorphic values
 *       ({@link io.zhiku.core.item.AttributeValue}) use a fixed list of type names.
 *   <li>Bounded input ({@link StreamReadConstraints}): nesting depth {@value #MAX_DEPTH}, one string at most
 *       {@value #MAX_STRING_CHARS} characters, a document at most {@value #MAX_DOCUMENT_BYTES} bytes,
 *       numbers at most {@value #MAX_NUMBER_CHARS} digits.
 *   <li>Strict: an unknown field, a duplicate field or trailing content is reported with its path and
 *       position, never silently dropped. An absent number reads as 0 (an item's {@code version} is 0
 *       before its first save).
 *   <li>Times as ISO-8601 text ({@code "2026-11-22T10:15:30Z"}); sets keep the order they were written in.
 * </ul>
 *
 * <p>Thread-safe: the shared reader and writer are immutable; {@link #newMapper()} gives a caller a
 * mapper of its own to extend.
 */
public final class ZhikuJson {
  /** The deepest nesting of arrays and objects read. */
  public static final int MAX_DEPTH = 64;
  /** The longest string read, in characters (room for a body at its 64 MiB ceiling). */
  public static final int MAX_STRING_CHARS = 64 << 20;
  /** The largest document read, in bytes. */
  public static final long MAX_DOCUMENT_BYTES = 128L << 20;
  /** The longest number read, in characters. */
  public static final int MAX_NUMBER_CHARS = 100;

  private static final JsonMapper SHARED = newMapper();
  private static final ObjectWriter WRITER = SHARED.writer();

  private ZhikuJson() {}

  /**
   * A new mapper with Zhiku's settings, owned by the caller (who may register further modules).
   *
   * @return a new, hardened mapper
   */
  public static JsonMapper newMapper() {
    StreamReadConstraints limits = StreamReadConstraints.builder()
        .maxNestingDepth(MAX_DEPTH)
        .maxStringLength(MAX_STRING_CHARS)
        .maxDocumentLength(MAX_DOCUMENT_BYTES)
        .maxNumberLength(MAX_NUMBER_CHARS)
        .build();
    JsonMapper mapper = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new SimpleModule("zhiku-ordered-sets").addAbstractTypeMapping(Set.class, LinkedHashSet.class))
        .enable(MapperFeature.BLOCK_UNSAFE_POLYMORPHIC_BASE_TYPES)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .build();
    mapper.getFactory().setStreamReadConstraints(limits);
    return mapper;
  }

  /**
   * Writes a value as compact JSON.
   *
   * @param value a model value (item, taxonomy concept, event...)
   * @return its JSON
   * @throws ZhikuException if it cannot be written
   */
  public static String write(Object value) {
    try {
      return WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new ZhikuException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads a value from JSON text.
   *
   * @param json the text
   * @param type the type to read
   * @param <T> the type
   * @return the value
   * @throws JsonFormatException if the JSON is malformed, is the literal {@code null}, has unknown fields
   *     or breaks the limits
   * @throws ValidationException if the value breaks a rule of its type
   */
  public static <T> T read(String json, Class<T> type) {
    try {
      return notNull(reader(type).readValue(json), type);
    } catch (IOException e) {
      throw translate(e, type);
    }
  }

  /**
   * Reads a value from UTF-8 JSON bytes, without decoding them to a string first.
   *
   * @param json the bytes
   * @param offset where the document starts in {@code json}
   * @param length the document's length in bytes
   * @param type the type to read
   * @param <T> the type
   * @return the value
   * @throws JsonFormatException if the JSON is malformed, is the literal {@code null}, has unknown fields
   *     or breaks the limits
   * @throws ValidationException if the value breaks a rule of its type
   */
  public static <T> T read(byte[] json, int offset, int length, Class<T> type) {
    try {
      return notNull(reader(type).readValue(json, offset, length), type);
    } catch (IOException e) {
      throw translate(e, type);
    }
  }

  /**
   * Reads a value from a JSON stream.
   *
   * @param in the stream; read, not closed
   * @param type the type to read
   * @param <T> the type
   * @return the value
   * @throws JsonFormatException if the JSON is malformed, is the literal {@code null}, has unknown fields
   *     or breaks the limits
   * @throws ValidationException if the value breaks a rule of its type
   * @throws UncheckedIOException if the stream fails
   */
  public static <T> T read(InputStream in, Class<T> type) {
    try {
      return notNull(reader(type).readValue(in), type);
    } catch (JsonProcessingException e) {
      throw translate(e, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A document that is the literal {@code null} is no value of any type: refused, never returned as null. */
  private static <T> T notNull(T value, Class<T> type) {
    if (value == null) {
      throw new JsonFormatException("cannot read " + type.getSimpleName() + " from JSON: the document is null, not a "
          + type.getSimpleName(), "", null);
    }
    return value;
  }

  private static ObjectReader reader(Class<?> type) {
    return SHARED.readerFor(type);
  }

  private static RuntimeException translate(IOException e, Class<?> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ValidationException v) {
        return v; // a model rule, already naming its field
      }
    }
    String path = "";
    if (e instanceof JsonMappingException m) {
      path = m.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."));
    }
    String where = "";
    if (e instanceof JsonProcessingException p && p.getLocation() != null && p.getLocation() != JsonLocation.NA) {
      where = " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr();
    }
    String reason = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
    return new JsonFormatException(
        "cannot read " + type.getSimpleName() + " from JSON" + (path.isEmpty() ? "" : " (field " + path + ")")
            + where + ": " + reason, path, e);
  }
}
