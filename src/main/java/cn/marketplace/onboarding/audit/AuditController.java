package cn.marketplace.onboarding.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for the staff (ApiSecurity lets no one else in): every filter optional, oldest first. */
@RestController
@Tag(name = "Audit", description = "Who did what and when, for the staff")
class AuditController {

  private final AuditTrail auditTrail;

  AuditController(AuditTrail auditTrail) {
    this.auditTrail = auditTrail;
  }

  /** {@code from} and {@code to} are ISO-8601 instants; {@code maxResults} is capped at {@value AuditTrail#MAX_RESULTS}. */
  @GetMapping("/api/audit")
  @ApiResponse(responseCode = "200", description = "The matching entries")
  @Operation(summary = "The audit trail: completed tasks with their decisions, and the product's own records",
      description = "from and to are ISO-8601 instants (2026-12-01T00:00:00Z); at most 2000 entries.")
  @ApiResponse(responseCode = "400", ref = "BadRequest")
  List<AuditEntry> entries(@RequestParam(required = false) String processInstanceId,
      @RequestParam(required = false) String userId,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(defaultValue = "200") int maxResults) {
    int limit = Math.max(1, Math.min(maxResults, AuditTrail.MAX_RESULTS));
    return auditTrail.find(new AuditFilter(processInstanceId, userId, from, to, limit));
  }
}
