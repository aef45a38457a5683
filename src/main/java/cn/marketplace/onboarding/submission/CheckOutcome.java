package cn.marketplace.onboarding.submission;

import java.time.Instant;
import java.util.Optional;

/**
 * What a submission's check decided, and when to remind the ISV that its SAS URIs run out.
 *
 * @param decision {@code fix} (a rule failed), {@code review} (LNX-SIZE-1: a Linux OS disk over 50 GB)
 *     or {@code accepted}
 */
public record CheckOutcome(String decision, Optional<Instant> sasExpiryReminder) {

  public static final String FIX = "fix";
  public static final String REVIEW = "review";
  public static final String ACCEPTED = "accepted";
}
