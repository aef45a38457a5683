package cn.marketplace.onboarding;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OnboardingApplication {

  public static void main(String[] args) {
    // the JDK HTTP client behind the Blob SDK warns on every request unless it may pass content-length
    System.setProperty("jdk.httpclient.allowRestrictedHeaders", "content-length");
    SpringApplication.run(OnboardingApplication.class, args);
  }
}
