package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.security.Caller;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Offer releases for ISV automation: start one, follow it, ask for another release time or withdraw
 * it before its time. Reviews, staging decisions and scheduling are Tasklist tasks (or the engine
 * REST API's task endpoints).
 */
@RestController
@RequestMapping("/api/releases")
@Tag(name = "Releases", description = "Release a certified offer: review, staging, production at an agreed time")
class ReleaseController {

  private final ReleaseStarts starts;
  private final ReleaseService releases;
  private final Catalogue catalogue;

  ReleaseController(ReleaseStarts starts, ReleaseService releases, Catalogue catalogue) {
    this.starts = starts;
    this.releases = releases;
    this.catalogue = catalogue;
  }

  /** Another release time, in the publisher's words. */
  record AnotherTime(String preferredWindow) {}

  @PostMapping
  @ApiResponse(responseCode = "201", description = "Started: offerRelease runs; Location names it",
      headers = @Header(name = "Location", description = "Where to follow it", schema = @Schema(type = "string")),
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReleaseStarts.StartedRelease.class)))
  @ApiResponse(responseCode = "400", ref = "BadRequest")
  @ApiResponse(responseCode = "403", ref = "Forbidden")
  @ApiResponse(responseCode = "404", ref = "NotFound")
  @ApiResponse(responseCode = "409", ref = "Conflict")
  @Operation(summary = "Release an offer",
      description = "Users of an activated publisher (ACT-1), for an offer whose every SKU has a certified image "
          + "version (OFFER-1) and no release under way; with the marketing content in zh-CN and en and the trial "
          + "length of free-trial SKUs (NEXT-1). Starts offerRelease; refusals list every finding.")
  ResponseEntity<ReleaseStarts.StartedRelease> start(@RequestBody ReleaseForm form, Authentication caller) {
    ReleaseStarts.StartedRelease started = starts.start(caller.getName(), Caller.groups(caller), form);
    return ResponseEntity.created(URI.create("/api/releases/" + started.id())).body(started);
  }

  @GetMapping("/{id}")
  @ApiResponse(responseCode = "200", description = "The release and its catalogue entry")
  @ApiResponse(responseCode = "404", ref = "NotFound")
  @Operation(summary = "A release and its catalogue entry", description = "Its publisher's users and the support team.")
  Catalogue.PublisherOffer get(@PathVariable String id, Authentication caller) {
    List<String> groups = Caller.groups(caller);
    OfferRelease release = releases.visible(id, groups);
    return catalogue.offerOf(release, groups);
  }

  @PostMapping("/{id}/time-change-request")
  @ApiResponse(responseCode = "202", description = "Asked: the support team schedules it again")
  @ApiResponse(responseCode = "400", ref = "BadRequest")
  @ApiResponse(responseCode = "404", ref = "NotFound")
  @ApiResponse(responseCode = "409", ref = "Conflict")
  @Operation(summary = "Ask for another release time",
      description = "While a release is scheduled: the support team schedules it again (REL-1), which moves its timer.")
  ResponseEntity<Void> askForAnotherTime(@PathVariable String id, @RequestBody AnotherTime request,
      Authentication caller) {
    releases.askForAnotherTime(id, Caller.groups(caller), request.preferredWindow());
    return ResponseEntity.accepted().build();
  }

  @PostMapping("/{id}/withdrawal")
  @ApiResponse(responseCode = "202", description = "Withdrawn: its timer is cancelled")
  @ApiResponse(responseCode = "404", ref = "NotFound")
  @ApiResponse(responseCode = "409", ref = "Conflict")
  @Operation(summary = "Withdraw a release before its time",
      description = "After production was requested and before the release time; the timer is cancelled.")
  ResponseEntity<Void> withdraw(@PathVariable String id, Authentication caller) {
    releases.withdraw(id, Caller.groups(caller));
    return ResponseEntity.accepted().build();
  }
}
