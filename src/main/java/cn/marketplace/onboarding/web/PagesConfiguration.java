package cn.marketplace.onboarding.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The public application page. */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/apply", "/apply/");
    registry.addViewController("/apply/").setViewName("forward:/apply/index.html");
  }
}
