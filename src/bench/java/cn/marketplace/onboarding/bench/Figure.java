package cn.marketplace.onboarding.bench;

import java.util.List;

/**
 * One line of the report: what was measured, in which unit, and the median, min and max over the
 * repetitions (p95 where a figure is a latency). {@code target} says what the issue asks for, in words;
 * nothing here compares against it.
 */
record Figure(String section, String name, String unit, double median, double min, double max, Double p95,
    int repetitions, String target, String note, List<Double> samples) {

  static Figure of(String section, String name, String unit, Samples samples, String target, String note) {
    return new Figure(section, name, unit, samples.median(), samples.min(), samples.max(), null, samples.count(),
        target, note, samples.values());
  }

  static Figure latency(String section, String name, Samples samples, String target, String note) {
    return new Figure(section, name, "ms", samples.median(), samples.min(), samples.max(), samples.p95(),
        samples.count(), target, note, samples.values());
  }

  /** A figure taken once (a count, a size): median, min and max are the value. */
  static Figure single(String section, String name, String unit, double value, String target, String note) {
    return new Figure(section, name, unit, value, value, value, null, 1, target, note, List.of(value));
  }
}
