package io.zhiku.metrics.roi;

import io.zhiku.core.ValidationException;

/** Validation of ROI inputs; each failure names the field, quotes the value and states the limit. */
final class RoiChecks {
  static final int MAX_NAME = 100;

  private RoiChecks() {}

  static String name(String field, String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new ValidationException(field, name, "1 to " + MAX_NAME + " characters, not blank");
    }
    return name;
  }

  static double amount(String field, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new ValidationException(field, value, "a finite amount of at least 0");
    }
    return value;
  }

  static double share(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new ValidationException(field, value, "a share from 0 to 1 (0.25 for 25%)");
    }
    return value;
  }
}
