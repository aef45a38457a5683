package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.rules.Finding.fail;

import cn.marketplace.onboarding.calendar.BusinessCalendar;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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

  /** Checks every disk; {@code now} is the instant the SAS times are judged against. */
  public VhdCheckReport check(List<VhdDisk> disks, Instant now) {
    List<CompletableFuture<DiskResult>> running = (disks == null ? List.<VhdDisk>of() : disks).stream()
        .filter(Objects::nonNull)
        .map(disk -> CompletableFuture.supplyAsync(() -> checkOne(disk, now), executor))
        .toList();
    List<Finding> findings = new ArrayList<>();
    Map<String, Long> bytesRead = new LinkedHashMap<>();
    boolean transientFailure = false;
    for (CompletableFuture<DiskResult> result : running) {
      DiskResult disk = result.join();
      findings.addAll(disk.findings());
      bytesRead.merge(disk.subject(), disk.bytesRead(), Long::sum);
      transientFailure |= disk.transientFailure();
    }
    return new VhdCheckReport(findings, bytesRead, transientFailure);
  }

  /**
   * When to remind the ISV that its SAS URIs run out: two business days before the earliest
   * expiry among them. Empty when none can be read or none names an expiry.
   */
  public Optional<Instant> expiryReminder(Collection<String> sasUris) {
    return earliestExpiry(sasUris).map(expiry -> calendar.minusBusinessDays(expiry, REMINDER_BUSINESS_DAYS));
  }

  /** The earliest expiry among the SAS URIs; empty when none can be read or none names an expiry. */
  public Optional<Instant> earliestExpiry(Collection<String> sasUris) {
    return sasUris.stream()
        .map(VhdCheckService::expiryOf)
        .flatMap(Optional::stream)
        .min(Instant::compareTo);
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }

  private DiskResult checkOne(VhdDisk disk, Instant now) {
    try {
      SasUriCheck uriCheck = sasUriChecks.checkVhdUri(disk.subject(), disk.sasUri(), now);
      List<Finding> findings = new ArrayList<>(uriCheck.findings());
      if (uriCheck.readable().isEmpty()) {
        return new DiskResult(disk.subject(), findings, 0, false);
      }
      BlobInspection blob = disk.bootGeneration() == null
          ? blobInspector.inspect(disk.role(), disk.subject(), uriCheck.readable().get())
          : blobInspector.inspect(disk.role(), disk.subject(), uriCheck.readable().get(), disk.bootGeneration());
      findings.addAll(blob.findings());
      return new DiskResult(disk.subject(), findings, blob.bytesRead(), blob.transientFailure());
    } catch (RuntimeException e) {
      // a defect of ours, not the ISV's input: report it on the disk rather than lose the others
      // the exception's text is masked: a defect must not leak the SAS it was handling
      log.error("VHD check of {} failed unexpectedly: {}: {} at {}", disk, e.getClass().getName(),
          SasUri.mask(e.getMessage()), e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
      Finding finding = fail(RuleId.SAS_8, disk.subject(), "SAS-8.check-error", disk.subject())
          .withEvidence(e.getClass().getSimpleName());
      return new DiskResult(disk.subject(), List.of(finding), 0, true);
    }
  }

  private static Optional<Instant> expiryOf(String sasUri) {
    try {
      return SasUri.parse(sasUri).expiry();
    } catch (InvalidSasUriException e) {
      return Optional.empty();
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

  private record DiskResult(String subject, List<Finding> findings, long bytesRead, boolean transientFailure) {}
}
