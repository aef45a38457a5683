package cn.marketplace.onboarding.submission;

import static cn.marketplace.onboarding.process.ImageCertification.*;
import static cn.marketplace.onboarding.submission.SubmissionService.MAX_URI;

import java.util.HashMap;
import java.util.Map;

/** The column sizes of the submission table: the rule checks name bad values, only longer ones refuse a submission. */
final class StorableLengths {

  private StorableLengths() {}

  private static final Map<String, Integer> STORABLE_LENGTHS = Map.ofEntries(Map.entry(OFFER_ID, 50),
      Map.entry(SKU_ID, 50), Map.entry(OFFER_NAME, 100), Map.entry(SKU_SUMMARY, 200), Map.entry(OS_NAME, 100),
      Map.entry(VM_SIZES, 200), Map.entry(VERSION, 40), Map.entry(VM_HOST, 253), Map.entry(VM_USER, 64),
      Map.entry(OS_VHD_URI, MAX_URI), Map.entry(WINDOWS_RESULTS_URI, MAX_URI), Map.entry(DATA_DISK_URIS, 12_000),
      Map.entry(VM_PASSWORD, 500), Map.entry(VM_PRIVATE_KEY, 10_000));

  static void refuseUnstorable(SubmissionForm form) {
    Map<String, Object> values = new HashMap<>(form.publicFields());
    values.put(OS_VHD_URI, form.osVhdUri());
    values.put(WINDOWS_RESULTS_URI, form.windowsResultsUri());
    values.put(DATA_DISK_URIS, form.dataDiskUris());
    values.put(VM_PASSWORD, form.vmPassword());
    values.put(VM_PRIVATE_KEY, form.vmPrivateKey());
    STORABLE_LENGTHS.forEach((field, max) -> {
      Object value = values.get(field);
      if (value != null && value.toString().length() > max) {
        throw new SubmissionRefusedException(SubmissionRefusedException.Reason.BAD_FIELD,
            field + ": at most " + max + " characters can be submitted");
      }
    });
  }
}
