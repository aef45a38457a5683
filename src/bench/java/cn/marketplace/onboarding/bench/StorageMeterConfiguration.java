package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.submission.vhd.BlobInspector;
import cn.marketplace.onboarding.submission.vhd.CountingBlobInspector;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/** Profile {@code bench-storage-meter}: the real storage, with the bytes our reads download counted. */
@Configuration(proxyBeanMethods = false)
@Profile("bench-storage-meter")
class StorageMeterConfiguration {

  @Bean
  @Primary
  CountingBlobInspector countingBlobInspector(@Qualifier("blobInspector") BlobInspector real) {
    return new CountingBlobInspector(real);
  }
}
