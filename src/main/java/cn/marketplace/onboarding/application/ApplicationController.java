package cn.marketplace.onboarding.application;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public side of onboarding: apply without an account, and amend through a one-time link. */
@RestController
@RequestMapping("/api")
@Tag(name = "Applications", description = "Apply to become a publisher (public)")
@SecurityRequirements
class ApplicationController {

  private final ApplicationService applications;

  ApplicationController(ApplicationService applications) {
    this.applications = applications;
  }

  @PostMapping("/applications")
  @ApiResponse(responseCode = "201", description = "Received: publisherOnboarding started; Location names it",
      headers = @Header(name = "Location", description = "Where to follow it", schema = @Schema(type = "string")),
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubmittedApplication.class)))
  @ApiResponse(responseCode = "400", ref = "BadRequest")
  @Operation(summary = "Apply to become a publisher",
      description = "Checks every field (SCOPE-1, APPLY-1, APPLY-3, APPLY-4) and starts publisherOnboarding. "
          + "Errors are application/problem+json with one entry per bad field and its rule. A second application "
          + "for a company that has an open one is received like any other (201) and reviewed as a possible "
          + "duplicate.")
  ResponseEntity<SubmittedApplication> apply(@RequestBody ApplicationForm form) {
    SubmittedApplication submitted;
    try {
      submitted = applications.submit(form);
    } catch (ApplicationService.ConcurrentApplicationException raced) {
      submitted = applications.submit(form);
    }
    return ResponseEntity.created(URI.create("/api/applications/" + submitted.id())).body(submitted);
  }

  @GetMapping("/amendments/{token}")
  @ApiResponse(responseCode = "200", description = "The application as it was sent")
  @ApiResponse(responseCode = "410", ref = "Gone")
  @Operation(summary = "The application behind a one-time amendment link, to fill the amendment form")
  ApplicationForm amendment(@PathVariable String token) {
    return applications.amendmentFor(token);
  }

  @PostMapping("/amendments/{token}")
  @ApiResponse(responseCode = "200", description = "Amended: the review goes on")
  @ApiResponse(responseCode = "400", ref = "BadRequest")
  @ApiResponse(responseCode = "410", ref = "Gone")
  @Operation(summary = "Amend an application with the one-time link a reviewer's request sent")
  SubmittedApplication amend(@PathVariable String token, @RequestBody ApplicationForm form) {
    return applications.amend(token, form);
  }
}
