package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.certification.linux.CertificationProperties;
import cn.marketplace.onboarding.certification.linux.LinuxVmProbe;
import cn.marketplace.onboarding.certification.report.ReportPublisher;
import cn.marketplace.onboarding.certification.report.ReportStorageProperties;
import cn.marketplace.onboarding.submission.vhd.BlobInspector;
import cn.marketplace.onboarding.submission.vhd.FixedVhdStorage;
import cn.marketplace.onboarding.submission.vhd.StorageProperties;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/**
 * Profile {@code bench}: the outside world answered in process at the adapter boundaries (SMTP, the
 * ISVs' blob storage, SSH to the certification VM, the product's report storage), so that a lifecycle
 * times only our code and the engine; and the one delegate of the bare processes, which does nothing.
 * The partner directory is a file read at start-up already.
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
class BenchConfiguration {

  /** Every service task of a bare process calls this. */
  static final String BARE_DELEGATE = "bareDelegate";

  @Bean
  InProcessMailSender inProcessMailSender() {
    return new InProcessMailSender();
  }

  @Bean
  @Primary
  BlobInspector fixedVhdStorage() {
    return new FixedVhdStorage();
  }

  @Bean
  @Primary
  LinuxVmProbe cannedLinuxVmProbe(CertificationProperties properties) {
    return new CannedLinuxVmProbe(properties);
  }

  @Bean
  @Primary
  ReportPublisher inProcessReportStorage(ReportStorageProperties reports, StorageProperties storage) {
    return new InProcessReportStorage(reports, storage);
  }

  @Bean(BARE_DELEGATE)
  JavaDelegate bareDelegate() {
    return execution -> { };
  }
}
