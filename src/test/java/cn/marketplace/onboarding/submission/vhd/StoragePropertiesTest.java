package cn.marketplace.onboarding.submission.vhd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.marketplace.onboarding.calendar.BusinessCalendar;
import cn.marketplace.onboarding.calendar.TestCalendars;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import cn.marketplace.onboarding.certification.policy.CertificationPolicies;
import cn.marketplace.onboarding.certification.policy.PolicySchedule;
import cn.marketplace.onboarding.certification.policy.PolicyScheduleProperties;
import cn.marketplace.onboarding.engine.EngineClock;

/** {@code onboarding.storage.*} as Spring binds it, and the beans of the package it feeds. */
class StoragePropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({StorageProperties.class, PolicyScheduleProperties.class})
  // the VHD size checks judge by the certification policy in force
  @Import({CertificationPolicies.class, PolicySchedule.class, EngineClock.class})
  @ComponentScan(basePackageClasses = VhdCheckService.class, useDefaultFilters = false,
      includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
          classes = {SasUriChecks.class, SasBlobClients.class, BlobInspector.class, BlobTextReader.class,
              VhdCheckService.class}),
      // the benchmark's stand-ins extend BlobInspector: only the product's own inspector here
      excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
          classes = {CountingBlobInspector.class, FixedVhdStorage.class}))
  static class ImageBeans {}

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(ImageBeans.class)
      .withBean(BusinessCalendar.class, TestCalendars::mainland)
      .withPropertyValues("onboarding.certification.policies[0].policy=azure-china-2015",
          "onboarding.certification.policies[0].version=1",
          "onboarding.certification.policies[0].effective-from=2015-10-09");

  @Test
  void defaultsToAzureChinaOverHttpsWithShortTimeouts() {
    context.run(ctx -> {
      StorageProperties storage = ctx.getBean(StorageProperties.class);
      assertThat(storage.allowedHosts()).containsExactly(".blob.core.chinacloudapi.cn");
      assertThat(storage.allowHttp()).isFalse();
      assertThat(storage.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(storage.maxRetries()).isEqualTo(2);
      assertThat(storage.parallelism()).isEqualTo(4);
      assertThat(ctx).hasSingleBean(VhdCheckService.class).hasSingleBean(BlobTextReader.class);
    });
  }

  @Test
  void bindsTheContractsPropertyNames() {
    context.withPropertyValues(
            "onboarding.storage.allowed-hosts=.blob.core.chinacloudapi.cn, 127.0.0.1",
            "onboarding.storage.allow-http=true",
            "onboarding.storage.request-timeout=3s",
            "onboarding.storage.max-retries=1",
            "onboarding.storage.parallelism=8")
        .run(ctx -> {
          StorageProperties storage = ctx.getBean(StorageProperties.class);
          assertThat(storage.allowedHosts()).containsExactly(".blob.core.chinacloudapi.cn", "127.0.0.1");
          assertThat(storage.allowHttp()).isTrue();
          assertThat(storage.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
          assertThat(storage.maxRetries()).isEqualTo(1);
          assertThat(storage.parallelism()).isEqualTo(8);
        });
  }

  @Test
  void refusesRetriesThatWouldKeepAWorkerWaiting() {
    context.withPropertyValues("onboarding.storage.max-retries=20")
        .run(ctx -> assertThat(ctx).hasFailed());
  }

  @Test
  void matchesHostNamesExactlyAndSuffixesOnADot() {
    StorageProperties storage = new StorageProperties(List.of(".blob.core.chinacloudapi.cn", "127.0.0.1"),
        false, Duration.ofSeconds(1), 0, 1);

    assertThat(storage.allowsHost("isv.blob.core.chinacloudapi.cn")).isTrue();
    assertThat(storage.allowsHost("ISV.Blob.Core.ChinaCloudApi.cn")).isTrue();
    assertThat(storage.allowsHost("127.0.0.1")).isTrue();
    assertThat(storage.allowsHost("blob.core.chinacloudapi.cn")).isFalse();
    assertThat(storage.allowsHost(".blob.core.chinacloudapi.cn")).isFalse();
    assertThat(storage.allowsHost("isvblob.core.chinacloudapi.cn")).isFalse();
    assertThat(storage.allowsHost("isv.blob.core.chinacloudapi.cn.example.com")).isFalse();
    assertThat(storage.allowsHost("127.0.0.10")).isFalse();
    assertThat(storage.allowsHost(null)).isFalse();
    assertThatThrownBy(() -> new StorageProperties(List.of(), false, Duration.ZERO, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
