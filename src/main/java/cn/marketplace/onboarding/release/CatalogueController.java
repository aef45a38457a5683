package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.security.Caller;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The catalogue: live offers for everybody; a publisher's own offers, staging entries included, for it and the staff. */
@RestController
@Tag(name = "Catalogue", description = "Live offers, and each publisher's offers in every state")
class CatalogueController {

  private final Catalogue catalogue;

  CatalogueController(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GetMapping("/api/offers")
  @ApiResponse(responseCode = "200", description = "The live offers")
  @SecurityRequirements
  @Operation(summary = "The live offers", description = "Public. An offer appears once its release time came and it went live.")
  List<Catalogue.LiveOffer> live() {
    return catalogue.live();
  }

  @GetMapping("/api/publishers/{publisherId}/offers")
  @ApiResponse(responseCode = "200", description = "The offers")
  @ApiResponse(responseCode = "404", ref = "NotFound")
  @Operation(summary = "A publisher's offers in every state",
      description = "draft, certified, inReview, staging, scheduled, live, withdrawn, rejected, retired. "
          + "The publisher's users and the staff only.")
  List<Catalogue.PublisherOffer> offersOf(@PathVariable String publisherId, Authentication caller) {
    return catalogue.offersOf(publisherId, Caller.groups(caller));
  }

  @GetMapping("/api/publishers/{publisherId}/offers/{offerId}")
  @ApiResponse(responseCode = "200", description = "The offer")
  @ApiResponse(responseCode = "404", ref = "NotFound")
  @Operation(summary = "One offer of a publisher; in staging, its pre-release entry (the mailed stagingUrl)")
  Catalogue.PublisherOffer offerOf(@PathVariable String publisherId, @PathVariable String offerId,
      Authentication caller) {
    return catalogue.offerOf(publisherId, offerId, Caller.groups(caller));
  }

  @PostMapping("/api/publishers/{publisherId}/offers/{offerId}/retirement")
  @ApiResponse(responseCode = "200", description = "Retired")
  @ApiResponse(responseCode = "404", ref = "NotFound")
  @ApiResponse(responseCode = "409", ref = "Conflict")
  @Operation(summary = "Retire a live offer (stop-sell)",
      description = "PRICE-5: a live offer's pricing model can't change. Retire it (customers who have it keep it) "
          + "and publish a new offer with the new model. The publisher's users only.")
  Catalogue.PublisherOffer retire(@PathVariable String publisherId, @PathVariable String offerId,
      Authentication caller) {
    return catalogue.retire(publisherId, offerId, Caller.groups(caller));
  }
}
