package io.zhiku.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes CSV (RFC 4180: a header line, {@code \r\n} line ends, quotes where a cell holds a comma, quote or
 * line end) to an {@link Appendable}. Text a spreadsheet would read as a formula ({@code = + - @}, tab or
 * carriage return first) is prefixed with an apostrophe; numbers are left as they are. Not thread-safe.
 */
public final class Csv {
  private final Appendable out;

  /**
   * Starts a table and writes its header.
   *
   * @param out where the lines go
   * @param header the column names
   * @throws UncheckedIOException if writing fails
   */
  public Csv(Appendable out, String... header) {
    this.out = out;
    row((Object[]) header);
  }

  /**
   * Writes one line.
   *
   * @param cells the cells, written with {@link String#valueOf}
   * @throws UncheckedIOException if writing fails
   */
  public void row(Object... cells) {
    try {
      for (int i = 0; i < cells.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(cell(String.valueOf(cells[i])));
      }
      out.append("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write CSV", e);
    }
  }

  /**
   * One cell as CSV text.
   *
   * @param s the cell's text
   * @return the text, made safe for spreadsheets and quoted where needed
   */
  public static String cell(String s) {
    boolean number = !s.isEmpty() && s.matches("-?[0-9][0-9.eE+-]*");
    if (!number && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s; // not a formula when opened in a spreadsheet
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
