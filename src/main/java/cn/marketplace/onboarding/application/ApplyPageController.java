package cn.marketplace.onboarding.application;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * The apply page ({@code static/apply/index.html}) with each {@code vendor/...} file named by
 * Spring's resource chain, with its content's hash: a new form-js build gets a new name, so the
 * browser may keep the old one for a year. The page itself is revalidated on every load.
 */
@RestController
class ApplyPageController {

  private static final Pattern VENDOR_LINK = Pattern.compile("(src|href)=\"vendor/([^\"]+)\"");

  private final ResourceUrlProvider resourceUrls;
  private volatile String page;

  ApplyPageController(ResourceUrlProvider resourceUrls) {
    this.resourceUrls = resourceUrls;
  }

  @GetMapping(value = {"/apply/", "/apply/index.html"}, produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> applyPage(HttpServletRequest request) {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(page(request.getContextPath()));
  }

  private String page(String contextPath) {
    String cached = page;
    if (cached == null) {
      cached = versioned(read(), contextPath);
      page = cached;
    }
    return cached;
  }

  private String versioned(String html, String contextPath) {
    Matcher link = VENDOR_LINK.matcher(html);
    StringBuilder out = new StringBuilder();
    while (link.find()) {
      String lookupPath = PagesConfiguration.VENDOR + link.group(2);
      String url = resourceUrls.getForLookupPath(lookupPath);
      if (url == null) {
        throw new IllegalStateException("the apply page needs " + lookupPath + ": build with ./mvnw (it copies form-js from npm)");
      }
      link.appendReplacement(out, Matcher.quoteReplacement(link.group(1) + "=\"" + contextPath + url + "\""));
    }
    link.appendTail(out);
    return out.toString();
  }

  private static String read() {
    try {
      return new ClassPathResource("static/apply/index.html").getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
