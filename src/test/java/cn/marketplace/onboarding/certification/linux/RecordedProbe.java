package cn.marketplace.onboarding.certification.linux;

/** A probe's output as recorded in a test: its sections between the probe's begin and end lines. */
final class RecordedProbe {

  private RecordedProbe() {}

  static ProbeReport of(String sections) throws ProbeParseException {
    return ProbeReport.parse("@@probe-begin 1\n" + sections + "@@probe-end\n");
  }
}
