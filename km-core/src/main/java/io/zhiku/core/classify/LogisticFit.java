package io.zhiku.core.classify;

import io.zhiku.core.ValidationException;
import io.zhiku.core.classify.DuplicateFinder.Example;
import io.zhiku.core.classify.DuplicateFinder.Weights;
import java.util.List;

/**
 * Fits {@link Weights} to labelled pairs ({@link Weights#fit} says what and how): a logistic regression of
 * one or two similarities by Newton's method with a small ridge penalty, the similarities' weights kept at
 * 0 or above by trying every subset of them. Stateless and thread-safe.
 */
final class LogisticFit {
  /** The ridge penalty on the similarities' weights. */
  private static final double RIDGE = 1e-4;

  private LogisticFit() {}

  /**
   * The most likely weights whose similarities' weights are all at 0 or above.
   *
   * @param examples the labelled pairs, present
   * @return the weights
   * @throws ValidationException as {@link Weights#fit} says
   */
  static Weights fit(List<Example> examples) {
    boolean meaning = !examples.isEmpty() && !Double.isNaN(examples.get(0).score().meaning());
    int positives = 0;
    for (Example e : examples) {
      if (Double.isNaN(e.score().meaning()) == meaning) {
        throw new ValidationException("examples", e, "all with a meaning or all without");
      }
      positives += e.duplicate() ? 1 : 0;
    }
    if (positives == 0 || positives == examples.size()) {
      throw new ValidationException("examples", examples.size() + " pairs, " + positives + " duplicates",
          "both duplicates and pairs that are not");
    }
    // Every subset of the similarities (words, meaning), the intercept always in; the most likely model
    // whose weights are all at 0 or above wins. The intercept alone always qualifies.
    Weights best = null;
    double bestLikelihood = Double.NEGATIVE_INFINITY;
    for (int subset = 0; subset < (meaning ? 4 : 2); subset++) {
      boolean useWords = (subset & 1) != 0;
      boolean useMeaning = (subset & 2) != 0;
      double[] beta = newton(examples, useWords, useMeaning);
      Weights w = new Weights(beta[0], useWords ? beta[1] : 0, useMeaning ? beta[2] : 0);
      double likelihood = logLikelihood(examples, w);
      if (w.words() >= 0 && w.meaning() >= 0 && likelihood > bestLikelihood) {
        best = w;
        bestLikelihood = likelihood;
      }
    }
    return best;
  }

  /** The penalised log-likelihood of the examples under the weights. */
  private static double logLikelihood(List<Example> examples, Weights w) {
    double sum = -RIDGE / 2 * (w.words() * w.words() + w.meaning() * w.meaning());
    for (Example e : examples) {
      double p = w.probability(e.score().words(), e.score().meaning());
      sum += Math.log(Math.max(1e-300, e.duplicate() ? p : 1 - p));
    }
    return sum;
  }

  /** The maximum-likelihood (intercept, words, meaning) with the similarities not used held at 0. */
  private static double[] newton(List<Example> examples, boolean useWords, boolean useMeaning) {
    boolean[] used = {true, useWords, useMeaning};
    int k = 3;
    double[] beta = new double[k];
    for (int iteration = 0; iteration < 100; iteration++) {
      double[] gradient = new double[k];
      double[][] hessian = new double[k][k];
      for (int j = 0; j < k; j++) {
        if (!used[j]) {
          hessian[j][j] = 1; // a fixed coordinate: its step is 0
        } else if (j > 0) {
          gradient[j] -= RIDGE * beta[j];
          hessian[j][j] += RIDGE;
        }
      }
      for (Example e : examples) {
        double[] x = {1, useWords ? e.score().words() : 0, useMeaning ? e.score().meaning() : 0};
        double z = beta[0] + beta[1] * x[1] + beta[2] * x[2];
        double p = 1 / (1 + Math.exp(-z));
        double w = Math.max(p * (1 - p), 1e-12);
        for (int j = 0; j < k; j++) {
          if (used[j]) {
            gradient[j] += ((e.duplicate() ? 1 : 0) - p) * x[j];
            for (int l = 0; l < k; l++) {
              if (used[l]) {
                hessian[j][l] += w * x[j] * x[l];
              }
            }
          }
        }
      }
      double[] step = solve(hessian, gradient);
      double largest = 0;
      for (int j = 0; j < k; j++) {
        beta[j] += step[j];
        largest = Math.max(largest, Math.abs(step[j]));
      }
      if (largest < 1e-10) {
        break;
      }
    }
    return beta;
  }

  /** Solves {@code a x = b} by Gaussian elimination with partial pivoting; {@code a} is positive definite here. */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int j = c; j <= n; j++) {
          m[r][j] -= f * m[c][j];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int j = r + 1; j < n; j++) {
        s -= m[r][j] * x[j];
      }
      x[r] = s / m[r][r];
    }
    return x;
  }
}

