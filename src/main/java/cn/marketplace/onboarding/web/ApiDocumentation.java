package cn.marketplace.onboarding.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /v3/api-docs}: HTTP Basic for everything but the public operations (applying, amending, the
 * live offers: {@code @SecurityRequirements} with none on the controller), and every error as
 * {@code application/problem+json} with its schema. The controllers name the answers their own
 * code gives ({@code @ApiResponse(responseCode = "404", ref = "NotFound")}); the answers of the
 * filters in front of them are added here: 401 and 403 to the signed-in operations, 429 (and 413
 * with a body) to the public ones.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

  static final String BASIC = "basicAuth";
  static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  @Bean
  OpenAPI onboardingApi() {
    Components components = new Components()
        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
            .description("A user of the engine (Tasklist's user name and password)"))
        .addSchemas("Problem", problemSchema());
    responses().forEach(components::addResponses);
    return new OpenAPI()
        .info(new Info().title("Azure marketplace (China) onboarding API").version("1")
            .description("Apply, submit images for certification, release offers. Errors are RFC 9457 "
                + "problem+json; a field's error names the field and its rule."))
        .components(components)
        .addSecurityItem(new SecurityRequirement().addList(BASIC));
  }

  @Bean
  OpenApiCustomizer filterAnswers() {
    return api -> api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      ApiResponses responses = operation.getResponses();
      if (responses.containsKey("201") || responses.containsKey("202")) {
        responses.remove("200");
      }
      boolean isPublic = operation.getSecurity() != null && operation.getSecurity().isEmpty();
      if (isPublic) {
        if (path.startsWith("/api/applications") || path.startsWith("/api/amendments")) {
          responses.addApiResponse("429", ref("TooManyRequests"));
          if (method == PathItem.HttpMethod.POST) {
            responses.addApiResponse("413", ref("PayloadTooLarge"));
          }
        }
      } else {
        responses.addApiResponse("401", ref("Unauthorized"));
        responses.putIfAbsent("403", ref("Forbidden"));
      }
    }));
  }

  private static ApiResponse ref(String name) {
    return new ApiResponse().$ref("#/components/responses/" + name);
  }

  private static Map<String, ApiResponse> responses() {
    return Map.of(
        "BadRequest", problem("A field or the body is invalid: errors (or findings) name each field and its rule"),
        "Unauthorized", problem("No or wrong HTTP Basic credentials"),
        "Forbidden", problem("Your groups may not use this resource, or your publisher may not (yet)"),
        "NotFound", problem("No such resource is visible to you"),
        "Conflict", problem("The resource is in a state that does not allow this (e.g. already open)"),
        "Gone", problem("The one-time link is unknown, used already or expired"),
        "PayloadTooLarge", problem("The body is larger than onboarding.security.max-body-size"),
        "TooManyRequests", problem("Too many calls from your address; Retry-After says how many seconds to wait")
            .addHeaderObject("Retry-After", new Header().description("Seconds to wait").schema(new IntegerSchema())));
  }

  private static ApiResponse problem(String description) {
    return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
  }

  private static Schema<?> problemSchema() {
    Schema<?> fieldError = new ObjectSchema()
        .addProperty("field", new StringSchema().example("unifiedSocialCreditCode"))
        .addProperty("ruleId", new StringSchema().example("APPLY-3"))
        .addProperty("message", new StringSchema().description("In the request's language (Accept-Language)"))
        .addProperty("messageZh", new StringSchema())
        .addProperty("messageEn", new StringSchema());
    return new ObjectSchema().description("RFC 9457 problem details")
        .addProperty("type", new StringSchema().format("uri")
            .example("https://marketplace-onboarding/problems/invalid-application"))
        .addProperty("title", new StringSchema().example("Invalid application"))
        .addProperty("status", new IntegerSchema().example(400))
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema().format("uri"))
        .addProperty("errors", new ArraySchema().items(fieldError)
            .description("Applications: one entry per invalid field"))
        .addProperty("reason", new StringSchema().description("Submissions and releases: why it was refused"))
        .addProperty("findings", new ArraySchema().items(new ObjectSchema())
            .description("Releases: every failed rule with its message"))
        .required(List.of("type", "title", "status"));
  }
}
