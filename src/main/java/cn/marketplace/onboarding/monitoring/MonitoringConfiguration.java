package cn.marketplace.onboarding.monitoring;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Health and metrics beyond Spring's and Camunda's own; the gauges refresh on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MonitoringConfiguration {}
