package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.rules.Finding.fail;
import static cn.marketplace.onboarding.rules.Finding.pass;
import static cn.marketplace.onboarding.rules.Finding.warning;

import cn.marketplace.onboarding.calendar.BusinessCalendar;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The checks of a SAS URI that need no request: SAS-1, SAS-5, SAS-6, SAS-2, SAS-7, SAS-4 and
 * SAS-3 (docs/rules.md). Each gives one finding per subject, pass included.
 */
@Component
public class SasUriChecks {

  /** SAS-3: how long a SAS must stay valid after its creation. */
  static final int MIN_BUSINESS_DAYS_VALID = 7;
  /** SAS-4: how far in the past the start should lie, against clock skew. */
  static final Duration MIN_START_AGE = Duration.ofMinutes(15);
  /** SAS-2 and SAS-7: read and list, nothing else. */
  static final String READ_AND_LIST = "rl";

  private final StorageProperties storage;
  private final BusinessCalendar calendar;

  public SasUriChecks(StorageProperties storage, BusinessCalendar calendar) {
    this.storage = storage;
    this.calendar = calendar;
  }

  /** Checks the SAS URI of a VHD (OS or data disk): every rule, SAS-6's {@code .vhd} included. */
  public SasUriCheck checkVhdUri(String subject, String rawUri, Instant now) {
    return check(subject, rawUri, now, true);
  }

  /** Checks the SAS URI of another file, such as the Windows certification results: no SAS-6. */
  public SasUriCheck checkFileUri(String subject, String rawUri, Instant now) {
    return check(subject, rawUri, now, false);
  }

  private SasUriCheck check(String subject, String rawUri, Instant now, boolean vhd) {
    SasUri uri;
    try {
      uri = SasUri.parse(rawUri);
    } catch (InvalidSasUriException e) {
      Finding refused = fail(RuleId.SAS_1, subject, "SAS-1." + e.reason().key(), subject);
      return new SasUriCheck(List.of(refused), Optional.empty(), Optional.empty());
    }
    List<Finding> findings = new ArrayList<>();
    Finding host = host(subject, uri);
    Finding scheme = scheme(subject, uri);
    findings.add(host);
    findings.add(scheme);
    if (vhd) {
      findings.add(blobName(subject, uri));
    }
    findings.add(permissions(subject, uri));
    findings.add(exactlyReadAndList(subject, uri));
    findings.add(start(subject, uri, now));
    findings.add(expiry(subject, uri, now));
    boolean readable = !host.failed() && !scheme.failed();
    return new SasUriCheck(findings, readable ? Optional.of(uri) : Optional.empty(), uri.expiry());
  }

  /** SAS-1: a SAS URI on a storage host the product is allowed to contact. */
  Finding host(String subject, SasUri uri) {
    if (!storage.allowsHost(uri.host())) {
      return fail(RuleId.SAS_1, subject, "SAS-1.host-not-allowed", subject, uri.host(),
          String.join(", ", storage.allowedHosts()));
    }
    return pass(RuleId.SAS_1, subject, "SAS-1.ok", subject, uri.host());
  }

  /** SAS-5: https passes; http is a warning where configured, refused otherwise. */
  Finding scheme(String subject, SasUri uri) {
    if (uri.scheme().equals("https")) {
      return pass(RuleId.SAS_5, subject, "SAS-5.https", subject);
    }
    return storage.allowHttp()
        ? warning(RuleId.SAS_5, subject, "SAS-5.http-allowed", subject)
        : fail(RuleId.SAS_5, subject, "SAS-5.http-refused", subject);
  }

  /** SAS-6: the URI names one {@code .vhd} file whose name has no blanks, {@code %} or quotes. */
  Finding blobName(String subject, SasUri uri) {
    String name = uri.blobName();
    if (name == null || name.isEmpty()) {
      return fail(RuleId.SAS_6, subject, "SAS-6.no-blob", subject);
    }
    if (name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '%' || c == '"' || c == '\'')) {
      return fail(RuleId.SAS_6, subject, "SAS-6.bad-characters", subject, name);
    }
    String fileName = name.substring(name.lastIndexOf('/') + 1);
    if (!fileName.toLowerCase(Locale.ROOT).endsWith(".vhd") || fileName.length() == ".vhd".length()) {
      return fail(RuleId.SAS_6, subject, "SAS-6.not-vhd", subject, fileName);
    }
    return pass(RuleId.SAS_6, subject, "SAS-6.ok", subject, fileName);
  }

  /** SAS-2: read and list are granted; write, delete and every other change are not. */
  Finding permissions(String subject, SasUri uri) {
    String granted = uri.permissions().orElse("");
    if (granted.isEmpty()) {
      return fail(RuleId.SAS_2, subject, "SAS-2.no-permissions", subject);
    }
    String beyondReading = letters(granted, c -> READ_AND_LIST.indexOf(c) < 0);
    if (!beyondReading.isEmpty()) {
      return fail(RuleId.SAS_2, subject, "SAS-2.write-permission", subject, beyondReading)
          .withEvidence("sp=" + granted);
    }
    String missing = letters(READ_AND_LIST, c -> granted.indexOf(c) < 0);
    if (!missing.isEmpty()) {
      return fail(RuleId.SAS_2, subject, "SAS-2.missing-permission", subject, missing)
          .withEvidence("sp=" + granted);
    }
    return pass(RuleId.SAS_2, subject, "SAS-2.ok", subject);
  }

  /** SAS-7: the permissions read exactly {@code sp=rl}. */
  Finding exactlyReadAndList(String subject, SasUri uri) {
    String granted = uri.permissions().orElse("");
    if (!granted.equals(READ_AND_LIST)) {
      return fail(RuleId.SAS_7, subject, "SAS-7.not-rl", subject, granted.isEmpty() ? "-" : granted)
          .withEvidence("sp=" + granted);
    }
    return pass(RuleId.SAS_7, subject, "SAS-7.ok", subject);
  }

  /** SAS-4: no start, or a start at least 15 minutes ago. */
  Finding start(String subject, SasUri uri, Instant now) {
    Optional<Instant> start = uri.start();
    if (start.isEmpty()) {
      return pass(RuleId.SAS_4, subject, "SAS-4.no-start", subject);
    }
    String startText = MessageArgs.time(start.get(), calendar.zone());
    if (start.get().isAfter(now)) {
      return fail(RuleId.SAS_4, subject, "SAS-4.in-future", subject, startText)
          .withEvidence("st=" + start.get());
    }
    Duration age = Duration.between(start.get(), now);
    if (age.compareTo(MIN_START_AGE) < 0) {
      return warning(RuleId.SAS_4, subject, "SAS-4.too-recent", subject, startText, age.toMinutes())
          .withEvidence("st=" + start.get());
    }
    return pass(RuleId.SAS_4, subject, "SAS-4.ok", subject, startText);
  }

  /**
   * SAS-3: valid for at least 7 business days (mainland calendar) from its creation, taken as
   * its start time when it has one, else now.
   */
  Finding expiry(String subject, SasUri uri, Instant now) {
    Optional<Instant> expiry = uri.expiry();
    if (expiry.isEmpty()) {
      return fail(RuleId.SAS_3, subject, "SAS-3.no-expiry", subject);
    }
    String expiryText = MessageArgs.time(expiry.get(), calendar.zone());
    if (!expiry.get().isAfter(now)) {
      return fail(RuleId.SAS_3, subject, "SAS-3.expired", subject, expiryText)
          .withEvidence("se=" + expiry.get());
    }
    Instant created = uri.start().orElse(now);
    Instant required = calendar.plusBusinessDays(created, MIN_BUSINESS_DAYS_VALID);
    int businessDays = calendar.businessDaysBetween(created, expiry.get());
    if (expiry.get().isBefore(required)) {
      return fail(RuleId.SAS_3, subject, "SAS-3.too-short", subject, expiryText, businessDays,
          MessageArgs.time(required, calendar.zone()))
          .withEvidence("st=" + uri.start().map(Instant::toString).orElse("-") + " se=" + expiry.get());
    }
    return pass(RuleId.SAS_3, subject, "SAS-3.ok", subject, expiryText, businessDays);
  }

  /** The letters of {@code permissions} that match, as {@code w, d}. */
  private static String letters(String permissions, IntPredicate which) {
    return permissions.chars().filter(which).distinct()
        .mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining(", "));
  }
}
