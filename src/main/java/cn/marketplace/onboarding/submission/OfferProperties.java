package cn.marketplace.onboarding.submission;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onboarding.offers.*}: the limits of an image submission.
 *
 * @param vmSizes the VM sizes an ISV may recommend (SUB-1 asks for three of them)
 * @param maxDataDisks how many data disks a SKU may have (SUB-2)
 */
@ConfigurationProperties("onboarding.offers")
public record OfferProperties(
    @DefaultValue({"Standard_B2s", "Standard_B2ms", "Standard_B4ms", "Standard_D2s_v3", "Standard_D4s_v3",
        "Standard_D8s_v3", "Standard_D2s_v5", "Standard_D4s_v5", "Standard_D8s_v5", "Standard_E2s_v3",
        "Standard_E4s_v3", "Standard_E8s_v3", "Standard_F2s_v2", "Standard_F4s_v2", "Standard_F8s_v2",
        "Standard_DS2_v2", "Standard_DS3_v2"}) List<String> vmSizes,
    @DefaultValue("16") int maxDataDisks) {

  public OfferProperties {
    vmSizes = vmSizes == null ? List.of() : vmSizes.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (vmSizes.size() < 3) {
      throw new IllegalArgumentException("onboarding.offers.vm-sizes must list at least three VM sizes");
    }
    if (maxDataDisks < 0 || maxDataDisks > 64) {
      throw new IllegalArgumentException("onboarding.offers.max-data-disks must be between 0 and 64");
    }
  }
}
