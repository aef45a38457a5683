package cn.marketplace.onboarding.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Partner IDs of the test partner directory ({@code test-partner-directory.csv}) that no publisher of
 * this JVM was given yet: one partner ID activates one organisation (ACT-5), so every publisher a test
 * activates needs its own. Each test context has a database of its own, so unused in this JVM is unused.
 */
public final class PartnerIds {

  /** The block of the directory kept for this, {@code 8000001} to {@code 8002000}. */
  private static final int FIRST = 8_000_001;
  private static final int COUNT = 2_000;
  private static final AtomicInteger handedOut = new AtomicInteger();

  private PartnerIds() {}

  /** A known partner ID no publisher has activated with yet. */
  public static String unused() {
    int index = handedOut.getAndIncrement();
    if (index >= COUNT) {
      throw new IllegalStateException("All " + COUNT + " partner IDs of test-partner-directory.csv are used: add more");
    }
    return String.valueOf(FIRST + index);
  }
}
