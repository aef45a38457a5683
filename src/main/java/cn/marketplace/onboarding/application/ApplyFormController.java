package cn.marketplace.onboarding.application;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application form's schema for the public apply page: the very {@code forms/application.form}
 * that Tasklist shows as the start form, so both ask the same questions with the same labels.
 */
@RestController
class ApplyFormController {

  private static final Resource APPLICATION_FORM = new ClassPathResource("forms/application.form");

  @GetMapping(value = "/apply/form.json", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Resource> applicationForm() {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(APPLICATION_FORM);
  }
}
