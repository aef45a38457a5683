package cn.marketplace.onboarding.security;

import java.time.Instant;
import java.util.List;

/**
 * Recent failed sign-ins, for administrators: by account name (as sent, so also names that are no
 * account) with the client addresses they came from, and by client address with the names tried.
 */
public record LoginFailures(List<Entry> accounts, List<Entry> clients) {

  /**
   * @param name the account name or the client address
   * @param others the client addresses (for an account) or account names (for a client), latest first
   * @param refusedForSeconds for a client address: how long its sign-ins are still refused (0: not);
   *     null for an account, which the engine's delays slow
   */
  public record Entry(String name, int failures, Instant firstFailure, Instant lastFailure, List<String> others,
      Long refusedForSeconds) {}
}
