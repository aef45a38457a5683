package cn.marketplace.onboarding.application;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The public application page and its files. The form-js files are served under a name with their
 * content's hash ({@link ApplyPageController} writes those names into the page) and cached for a
 * year; the page's own script and style are small and revalidated on every load (Last-Modified).
 * {@code server.compression} compresses all of them.
 */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration implements WebMvcConfigurer {

  static final String VENDOR = "/apply/vendor/";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/apply", "/apply/");
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler(VENDOR + "**")
        .addResourceLocations("classpath:/static" + VENDOR)
        .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
        .resourceChain(true)
        .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
    registry.addResourceHandler("/apply/**")
        .addResourceLocations("classpath:/static/apply/")
        .setCacheControl(CacheControl.noCache());
  }
}
