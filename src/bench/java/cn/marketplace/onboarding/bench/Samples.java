package cn.marketplace.onboarding.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Measured values of one figure, in the order they were taken; median, min, max and p95 over them. */
final class Samples {

  private final List<Double> values = new ArrayList<>();

  void add(double value) {
    values.add(value);
  }

  int count() {
    return values.size();
  }

  List<Double> values() {
    return List.copyOf(values);
  }

  double median() {
    return quantile(0.5);
  }

  double p95() {
    return quantile(0.95);
  }

  double min() {
    return sorted().get(0);
  }

  double max() {
    return sorted().get(values.size() - 1);
  }

  /** The nearest-rank quantile; the median of an even count is the mean of the two middle values. */
  double quantile(double q) {
    List<Double> sorted = sorted();
    int n = sorted.size();
    if (q == 0.5 && n % 2 == 0) {
      return (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
    int rank = (int) Math.ceil(q * n);
    return sorted.get(Math.max(0, Math.min(n - 1, rank - 1)));
  }

  private List<Double> sorted() {
    if (values.isEmpty()) {
      throw new IllegalStateException("no samples");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted;
  }
}
