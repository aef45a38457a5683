package cn.marketplace.onboarding.certification.windows;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Windows thresholds in force: for now those the product ships ({@link WindowsThresholds#bundled()}). */
@Configuration(proxyBeanMethods = false)
class WindowsThresholdsConfiguration {

  @Bean
  WindowsThresholds windowsThresholds() {
    return WindowsThresholds.bundled();
  }
}
