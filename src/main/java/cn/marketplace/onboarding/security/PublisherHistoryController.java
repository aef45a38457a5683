package cn.marketplace.onboarding.security;

import cn.marketplace.onboarding.engine.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A publisher's own history: its instances, their steps and outcomes, the values it gave. */
@RestController
@Tag(name = "History", description = "A publisher's own onboarding, submissions and releases, step by step")
class PublisherHistoryController {

  /** The one parameter there is; any other (a user, another publisher, a wider query) is refused. */
  private static final Set<String> PARAMETERS = Set.of("processInstanceId");

  private final PublisherHistory history;

  PublisherHistoryController(PublisherHistory history) {
    this.history = history;
  }

  @GetMapping("/api/history")
  @Operation(summary = "Your publisher's instances, oldest first, with their steps and the values you gave",
      description = "Staff notes, staff user ids and secrets are never shown; staff read /api/audit.")
  @ApiResponse(responseCode = "200", description = "The caller's publisher's instances")
  @ApiResponse(responseCode = "400", ref = "BadRequest")
  @ApiResponse(responseCode = "404", ref = "NotFound")
  List<PublisherHistory.Timeline> history(@RequestParam(required = false) String processInstanceId,
      HttpServletRequest request, Authentication caller) {
    request.getParameterMap().keySet().stream().filter(name -> !PARAMETERS.contains(name)).findFirst()
        .ifPresent(name -> {
          throw Refusal.invalidField(name, "Field '" + name + "' may not be sent: the history is asked by "
              + "processInstanceId only, and always of your own publisher.");
        });
    return history.of(Caller.groups(caller), processInstanceId);
  }
}
