package cn.marketplace.onboarding.submission;

import static cn.marketplace.onboarding.submission.SubmissionService.MAX_URI;

import java.util.HashMap;
import java.util.Map;

/** The column sizes of the submission table: the rule checks name bad values, only longer ones refuse a submission. */
final class StorableLengths {

  private StorableLengths() {}

  private static final Map<String, Integer> STORABLE_LENGTHS = Map.ofEntries(Map.entry("offerId", 50),
      Map.entry("skuId", 50), Map.entry("offerName", 100), Map.entry("skuSummary", 200), Map.entry("osName", 100),
      Map.entry("vmSizes", 200), Map.entry("version", 40), Map.entry("vmHost", 253), Map.entry("vmUser", 64),
      Map.entry("osVhdUri", MAX_URI), Map.entry("windowsResultsUri", MAX_URI), Map.entry("dataDiskUris", 12_000),
      Map.entry("vmPassword", 500), Map.entry("vmPrivateKey", 10_000));

  static void refuseUnstorable(SubmissionForm form) {
    Map<String, Object> values = new HashMap<>(form.publicFields());
    values.put("osVhdUri", form.osVhdUri());
    values.put("windowsResultsUri", form.windowsResultsUri());
    values.put("dataDiskUris", form.dataDiskUris());
    values.put("vmPassword", form.vmPassword());
    values.put("vmPrivateKey", form.vmPrivateKey());
    STORABLE_LENGTHS.forEach((field, max) -> {
      Object value = values.get(field);
      if (value != null && value.toString().length() > max) {
        throw new SubmissionRefusedException(SubmissionRefusedException.Reason.BAD_FIELD,
            field + ": at most " + max + " characters can be submitted");
      }
    });
  }
}
