package cn.marketplace.onboarding.submission;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.engine.Refusal;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.submission.vhd.SasUri;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An image submission as the ISV enters it: the start fields of {@code imageCertification}
 * (its start form), from the Tasklist form or the JSON of {@code POST /api/submissions}. Holds
 * secrets (SAS URIs, VM password and key): {@link #toString()} masks them.
 */
@Schema(description = "An image submission: the offer and SKU, the image version and its VHDs (SAS URIs), and how to "
    + "reach a VM of it for certification (Linux) or its test results (Windows)")
public record SubmissionForm(
    @Schema(requiredMode = REQUIRED, description = "Lower-case identifier (OFFER-2)", example = "contoso-db")
    String offerId,
    @Schema(requiredMode = REQUIRED, maxLength = 100, example = "Contoso DB") String offerName,
    @Schema(requiredMode = REQUIRED, description = "Lower-case identifier (OFFER-2, SKU-3)", example = "standard-2027")
    String skuId,
    @Schema(requiredMode = REQUIRED, description = "SKU-4", example = "Contoso DB on Ubuntu, ready to run")
    String skuSummary,
    @Schema(requiredMode = REQUIRED, allowableValues = {"free", "freeTrial", "byol"}, example = "byol")
    String pricingModel,
    @Schema(description = "Days of the free trial: with freeTrial only (PRICE-3)", minimum = "1", maximum = "180")
    Integer trialDays,
    @Schema(requiredMode = REQUIRED, allowableValues = {"linux", "windows"}, example = "linux") String osFamily,
    @Schema(requiredMode = REQUIRED, description = "SUB-1; for Windows an approved base (WIN-BASE-1)",
        example = "Ubuntu Server 22.04 LTS") String osName,
    @Schema(requiredMode = REQUIRED, description = "Three recommended VM sizes, comma-separated (SUB-1)",
        example = "Standard_B2s, Standard_D2s_v3, Standard_D4s_v3") String vmSizes,
    @Schema(requiredMode = REQUIRED, description = "major.minor.patch, higher than the SKU's last (SUB-1)",
        example = "1.0.0") String version,
    @Schema(requiredMode = REQUIRED, description = "SAS URI (read, list) of the OS disk's VHD (SAS-1 to SAS-5)",
        example = "https://contoso.blob.core.chinacloudapi.cn/vhds/os.vhd?sv=2024-11-04&sp=rl&sig=abc")
    String osVhdUri,
    @Schema(description = "SAS URIs of data disk VHDs, one a line: lun0, lun1, ...") String dataDiskUris,
    @Schema(description = "Linux: the VM to certify over SSH", example = "certvm.chinaeast2.cloudapp.chinacloudapi.cn")
    String vmHost,
    @Schema(description = "Linux: its SSH port; 22 when empty", example = "22") Integer vmPort,
    @Schema(description = "Linux: the user to sign in as", example = "azureuser") String vmUser,
    @Schema(description = "Linux: its password, or vmPrivateKey", format = "password", example = "Cert-VM-passw0rd!")
    String vmPassword,
    @Schema(description = "Linux: a PEM private key, or vmPassword", format = "password") String vmPrivateKey,
    @Schema(description = "Windows: SAS URI of the certification tool's results") String windowsResultsUri,
    @Schema(description = "The SKU's VM generation (IMG-TYPE-1): gen1 boots by BIOS from an MBR disk, gen2 by UEFI "
        + "from a GPT disk with an EFI system partition; gen1 when empty; the certification policy in force "
        + "says which generations it takes", allowableValues = {"gen1", "gen2"},
        example = "gen1") String generation,
    @Schema(description = "The SKU's processor architecture (IMG-TYPE-1); x64 when empty",
        allowableValues = {"x64", "arm64"}, example = "x64") String architecture) {

  /** Every start field, as process variables name them. */
  public static final List<String> FIELDS = List.of(ImageCertification.OFFER_ID, ImageCertification.OFFER_NAME, ImageCertification.SKU_ID, ImageCertification.SKU_SUMMARY, ImageCertification.PRICING_MODEL,
      ImageCertification.TRIAL_DAYS, ImageCertification.OS_FAMILY, ImageCertification.OS_NAME, ImageCertification.VM_SIZES, ImageCertification.VERSION, ImageCertification.OS_VHD_URI, ImageCertification.DATA_DISK_URIS, ImageCertification.VM_HOST, ImageCertification.VM_PORT,
      ImageCertification.VM_USER, ImageCertification.VM_PASSWORD, ImageCertification.VM_PRIVATE_KEY, ImageCertification.WINDOWS_RESULTS_URI,
      ImageCertification.GENERATION, ImageCertification.ARCHITECTURE);

  /** The fields that are credentials; kept encrypted, never in a variable, a log or an answer. */
  public static final List<String> SECRET_FIELDS =
      List.of(ImageCertification.OS_VHD_URI, ImageCertification.DATA_DISK_URIS, ImageCertification.WINDOWS_RESULTS_URI, ImageCertification.VM_PASSWORD, ImageCertification.VM_PRIVATE_KEY);

  static final int DEFAULT_SSH_PORT = 22;

  /** Whether {@code variables} hold any start field (a submitted start or fix form). */
  public static boolean presentIn(Map<String, Object> variables) {
    return FIELDS.stream().anyMatch(variables::containsKey);
  }

  /** From Tasklist form variables: numbers may arrive as Long, Integer or text. */
  public static SubmissionForm fromVariables(Map<String, Object> variables) {
    return new SubmissionForm(text(variables, ImageCertification.OFFER_ID), text(variables, ImageCertification.OFFER_NAME), text(variables, ImageCertification.SKU_ID),
        text(variables, ImageCertification.SKU_SUMMARY), text(variables, ImageCertification.PRICING_MODEL), number(variables, ImageCertification.TRIAL_DAYS),
        text(variables, ImageCertification.OS_FAMILY), text(variables, ImageCertification.OS_NAME), text(variables, ImageCertification.VM_SIZES),
        text(variables, ImageCertification.VERSION), text(variables, ImageCertification.OS_VHD_URI), text(variables, ImageCertification.DATA_DISK_URIS),
        text(variables, ImageCertification.VM_HOST), number(variables, ImageCertification.VM_PORT), text(variables, ImageCertification.VM_USER),
        text(variables, ImageCertification.VM_PASSWORD), text(variables, ImageCertification.VM_PRIVATE_KEY), text(variables, ImageCertification.WINDOWS_RESULTS_URI),
        text(variables, ImageCertification.GENERATION), text(variables, ImageCertification.ARCHITECTURE));
  }

  /**
   * Trimmed, blanks as null, identifiers and choices as typed (the checks name what is wrong); the
   * image type in its canonical spelling, x64 gen1 where it is left out.
   *
   * @throws InvalidImageTypeException when a generation or architecture is given but unknown (IMG-TYPE-1)
   */
  public SubmissionForm normalized() {
    return new SubmissionForm(trim(offerId), trim(offerName), trim(skuId), trim(skuSummary), trim(pricingModel),
        trialDays, trim(osFamily), trim(osName), trim(vmSizes), trim(version), trim(osVhdUri),
        dataDiskUris == null || dataDiskUris.isBlank() ? null : dataDiskUris.strip(), trim(vmHost),
        vmPort, trim(vmUser), vmPassword == null || vmPassword.isEmpty() ? null : vmPassword,
        vmPrivateKey == null || vmPrivateKey.isBlank() ? null : vmPrivateKey.strip(), trim(windowsResultsUri),
        DeclaredImageType.generation(generation).value(), DeclaredImageType.architecture(architecture).value());
  }

  /** The image type of a normalized form. */
  public ImageType imageType() {
    return ImageType.of(generation, architecture);
  }

  public boolean isWindows() {
    return "windows".equals(osFamily);
  }

  public boolean isLinux() {
    return "linux".equals(osFamily);
  }

  /**
   * This form changed by the fields that {@code variables} hold: a fix may send only what it changes.
   * A secret sent empty stays as it was (forms never show secrets again).
   */
  public SubmissionForm withChanges(Map<String, Object> variables) {
    Map<String, Object> merged = new HashMap<>(publicFields());
    FIELDS.stream().filter(variables::containsKey).forEach(field -> merged.put(field, variables.get(field)));
    return fromVariables(merged);
  }

  /** The non-secret fields as variables, to show in a form again. */
  public Map<String, Object> publicFields() {
    Map<String, Object> fields = new HashMap<>();
    put(fields, ImageCertification.OFFER_ID, offerId);
    put(fields, ImageCertification.OFFER_NAME, offerName);
    put(fields, ImageCertification.SKU_ID, skuId);
    put(fields, ImageCertification.SKU_SUMMARY, skuSummary);
    put(fields, ImageCertification.PRICING_MODEL, pricingModel);
    put(fields, ImageCertification.TRIAL_DAYS, trialDays);
    put(fields, ImageCertification.OS_FAMILY, osFamily);
    put(fields, ImageCertification.OS_NAME, osName);
    put(fields, ImageCertification.VM_SIZES, vmSizes);
    put(fields, ImageCertification.VERSION, version);
    put(fields, ImageCertification.VM_HOST, vmHost);
    put(fields, ImageCertification.VM_PORT, vmPort);
    put(fields, ImageCertification.VM_USER, vmUser);
    put(fields, ImageCertification.GENERATION, generation);
    put(fields, ImageCertification.ARCHITECTURE, architecture);
    return fields;
  }

  @Override
  public String toString() {
    return "SubmissionForm[offerId=" + offerId + ", skuId=" + skuId + ", version=" + version + ", osFamily="
        + osFamily + ", generation=" + generation + ", architecture=" + architecture + ", osVhdUri=" + SasUri.mask(osVhdUri) + ", dataDiskUris=" + SasUri.mask(dataDiskUris)
        + ", windowsResultsUri=" + SasUri.mask(windowsResultsUri) + ", vmHost=" + vmHost + ", vmUser=" + vmUser
        + ", vmPassword=" + (vmPassword == null ? null : "***") + ", vmPrivateKey="
        + (vmPrivateKey == null ? null : "***") + "]";
  }

  private static void put(Map<String, Object> fields, String name, Object value) {
    if (value != null) {
      fields.put(name, value);
    }
  }

  private static String text(Map<String, Object> variables, String name) {
    Object value = variables.get(name);
    return value == null ? null : value.toString();
  }

  private static Integer number(Map<String, Object> variables, String name) {
    Object value = variables.get(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    if (value instanceof Number n && n.longValue() == n.doubleValue() && Math.abs(n.longValue()) <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    try {
      return Integer.valueOf(value.toString().strip());
    } catch (NumberFormatException e) {
      throw Refusal.invalidField(name, name + ": a whole number is expected");
    }
  }

  private static String trim(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
