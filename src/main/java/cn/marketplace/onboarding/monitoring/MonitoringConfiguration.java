package cn.marketplace.onboarding.monitoring;

import java.util.Set;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Health and metrics beyond Spring's and Camunda's own; the gauges refresh on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MonitoringConfiguration {

  /** Health checks shown only in their own group, never in the aggregate status. */
  static final Set<String> OWN_GROUP_ONLY = Set.of("mail");

  /**
   * {@code /actuator/health} (what load balancers read) leaves out the checks of
   * {@link #OWN_GROUP_ONLY}: each has a group of its own, e.g. {@code /actuator/health/mail}.
   */
  @Bean
  HealthEndpointGroupsPostProcessor ownGroupOnlyHealthChecks() {
    return groups -> new HealthEndpointGroups() {
      private final HealthEndpointGroup primary = new WithoutOwnGroupChecks(groups.getPrimary());

      @Override
      public HealthEndpointGroup getPrimary() {
        return primary;
      }

      @Override
      public Set<String> getNames() {
        return groups.getNames();
      }

      @Override
      public HealthEndpointGroup get(String name) {
        return groups.get(name);
      }
    };
  }

  private record WithoutOwnGroupChecks(HealthEndpointGroup group) implements HealthEndpointGroup {

    @Override
    public boolean isMember(String name) {
      return !OWN_GROUP_ONLY.contains(name) && group.isMember(name);
    }

    @Override
    public boolean showComponents(SecurityContext securityContext) {
      return group.showComponents(securityContext);
    }

    @Override
    public boolean showDetails(SecurityContext securityContext) {
      return group.showDetails(securityContext);
    }

    @Override
    public StatusAggregator getStatusAggregator() {
      return group.getStatusAggregator();
    }

    @Override
    public HttpCodeStatusMapper getHttpCodeStatusMapper() {
      return group.getHttpCodeStatusMapper();
    }

    @Override
    public AdditionalHealthEndpointPath getAdditionalPath() {
      return group.getAdditionalPath();
    }
  }
}
