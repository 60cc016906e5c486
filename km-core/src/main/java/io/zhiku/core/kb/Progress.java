package io.zhiku.core.kb;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import java.time.Duration;

/**
 * How far a long piece of work has come: what it is, how much of it is done, of how much, for how long it
 * has run, and whether it has ended. A value: immutable and thread-safe.
 *
 * @param operation what the work is, one of the names the reporting part documents (for example {@link
 *     #REEMBED}); never blank
 * @param done units done (items, events, concepts), 0 or more
 * @param total units in all, or {@code -1} when not known in advance; when known, {@code done <= total}
 * @param elapsed how long the work has run, never negative
 * @param finished whether this is the work's last report (it ended, completely or not: see the log)
 */
public record Progress(String operation, long done, long total, Duration elapsed, boolean finished) {
  /** Opening a knowledge base: its item table read from the engine, in items (the total is not known). */
  public static final String OPEN_ITEMS = "open-items";
  /** Opening a knowledge base: the counted usage events read for the popularity boost, in events (total not known). */
  public static final String OPEN_EVENTS = "open-events";
  /**
   * Embedding the stored items that have no vector of the configured embedder, in the background, in items.
   * When there are such items, the run's first report (0 done of them all) reaches the listener before the
   * builder returns; when there are none, there is no report: so a caller knows, once the knowledge base is
   * open, whether to wait for a last report.
   */
  public static final String REEMBED = "reembed";
  /**
   * Reading a SKOS file into a taxonomy (km-skos's {@code Skos.readInto} with a listener), in bytes read; the
   * total is the file's size, or not known for a stream.
   */
  public static final String SKOS_IMPORT = "skos-import";
  /**
   * A KPI report, comparison or trend (km-metrics's {@code KpiEngine} with a listener), in usage events read;
   * the total is not known in advance.
   */
  public static final String KPI_REPORT = "kpi-report";

  /**
   * Validates.
   *
   * @param operation what the work is; never blank
   * @param done units done, 0 or more
   * @param total units in all, or {@code -1} when unknown
   * @param elapsed how long the work has run, never negative
   * @param finished whether this is the last report
   * @throws ValidationException if a part is missing or out of range
   */
  public Progress {
    Checks.line("Progress.operation", operation, 64);
    if (operation.isBlank()) {
      throw new ValidationException("Progress.operation", operation, "must not be blank");
    }
    if (done < 0) {
      throw new ValidationException("Progress.done", done, "must not be negative");
    }
    if (total < -1 || total >= 0 && done > total) {
      throw new ValidationException("Progress.total", total, "must be -1 (unknown) or at least done (" + done + ")");
    }
    Checks.present("Progress.elapsed", elapsed);
    if (elapsed.isNegative()) {
      throw new ValidationException("Progress.elapsed", elapsed, "must not be negative");
    }
  }

  /**
   * The share done.
   *
   * @return {@code done / total} between 0 and 1, 1 for an empty piece of work, or {@code -1} when the total
   *     is not known
   */
  public double fraction() {
    return total < 0 ? -1 : total == 0 ? 1 : (double) done / total;
  }
}
