package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.rules.Finding.fail;

import cn.marketplace.onboarding.calendar.BusinessCalendar;
import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * The machine checks of every VHD of a submission: the SAS URI rules, then, for each URI that
 * may be read, the blob itself through the Storage SDK. Disks are checked in parallel on a
 * bounded pool; bad input becomes findings, never exceptions.
 */
@Service
public class VhdCheckService implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(VhdCheckService.class);

  /** How many business days before a SAS expires the ISV is reminded. */
  static final int REMINDER_BUSINESS_DAYS = 2;

  private final SasUriChecks sasUriChecks;
  private final BlobInspector blobInspector;
  private final BusinessCalendar calendar;
  private final ExecutorService executor;

  public VhdCheckService(SasUriChecks sasUriChecks, BlobInspector blobInspector,
      BusinessCalendar calendar, StorageProperties storage) {
    this.sasUriChecks = sasUriChecks;
    this.blobInspector = blobInspector;
    this.calendar = calendar;
    this.executor = Executors.newFixedThreadPool(storage.parallelism(), threadsNamed("vhd-check-"));
  }

  /**
   * Checks every disk, its size and partitions judged by {@code policy} (a submission's own, once it has
   * one); {@code now} is the instant the SAS times are judged against.
   */
  public VhdCheckReport check(List<VhdDisk> disks, Instant now, CertificationPolicy policy) {
    List<CompletableFuture<DiskResult>> running = (disks == null ? List.<VhdDisk>of() : disks).stream()
        .filter(Objects::nonNull)
        .map(disk -> CompletableFuture.supplyAsync(() -> checkOne(disk, now, policy), executor))
        .toList();
    List<Finding> findings = new ArrayList<>();
    Map<String, Long> bytesRead = new LinkedHashMap<>();
    boolean transientFailure = false;
    Optional<Instant> earliestExpiry = Optional.empty();
    for (CompletableFuture<DiskResult> result : running) {
      DiskResult disk = result.join();
      findings.addAll(disk.findings());
      bytesRead.merge(disk.subject(), disk.bytesRead(), Long::sum);
      transientFailure |= disk.transientFailure();
      earliestExpiry = earliest(earliestExpiry, disk.expiry());
    }
    return new VhdCheckReport(findings, bytesRead, transientFailure, earliestExpiry);
  }

  /** When to remind the ISV that a SAS URI expiring at {@code expiry} runs out: two business days before. */
  public Instant expiryReminder(Instant expiry) {
    return calendar.minusBusinessDays(expiry, REMINDER_BUSINESS_DAYS);
  }

  /** The earlier of two optional instants. */
  public static Optional<Instant> earliest(Optional<Instant> one, Optional<Instant> other) {
    return Stream.of(one, other).flatMap(Optional::stream).min(Instant::compareTo);
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }

  private DiskResult checkOne(VhdDisk disk, Instant now, CertificationPolicy policy) {
    try {
      SasUriCheck uriCheck = sasUriChecks.checkVhdUri(disk.subject(), disk.sasUri(), now);
      List<Finding> findings = new ArrayList<>(uriCheck.findings());
      if (uriCheck.readable().isEmpty()) {
        return new DiskResult(disk.subject(), findings, 0, false, uriCheck.expiry());
      }
      BlobInspection blob = blobInspector.inspect(disk.role(), disk.subject(), uriCheck.readable().get(),
          disk.bootGeneration(), policy);
      findings.addAll(blob.findings());
      return new DiskResult(disk.subject(), findings, blob.bytesRead(), blob.transientFailure(), uriCheck.expiry());
    } catch (RuntimeException e) {
      // a defect of ours, not the ISV's input: report it on the disk rather than lose the others
      // the exception's text is masked: a defect must not leak the SAS it was handling
      log.error("VHD check of {} failed unexpectedly: {}: {} at {}", disk, e.getClass().getName(),
          SasUri.mask(e.getMessage()), e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
      Finding finding = fail(RuleId.SAS_8, disk.subject(), "SAS-8.check-error", disk.subject())
          .withEvidence(e.getClass().getSimpleName());
      return new DiskResult(disk.subject(), List.of(finding), 0, true, Optional.empty());
    }
  }

  private static ThreadFactory threadsNamed(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private record DiskResult(String subject, List<Finding> findings, long bytesRead, boolean transientFailure,
      Optional<Instant> expiry) {}
}
