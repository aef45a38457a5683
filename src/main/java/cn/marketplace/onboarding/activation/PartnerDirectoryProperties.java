package cn.marketplace.onboarding.activation;

import cn.marketplace.onboarding.config.OperatorPaths;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.core.io.Resource;

/**
 * {@code onboarding.partner-directory.*}: CSV files {@code id,organisationName} of valid Microsoft
 * partner IDs ({@code file}) and of paying Azure customers ({@code customer-file}), each a plain
 * path, a {@code file:} URL or a {@code classpath:} resource ({@link OperatorPaths}).
 */
@ConfigurationProperties("onboarding.partner-directory")
public record PartnerDirectoryProperties(Resource file, Resource customerFile) {

  /** As bound from the configuration: the locations as the operator wrote them. */
  @ConstructorBinding
  public PartnerDirectoryProperties(String file, String customerFile) {
    this(OperatorPaths.resource(file), OperatorPaths.resource(customerFile));
  }
}
