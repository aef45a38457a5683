package cn.marketplace.onboarding.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.engine.AuthorizationGrants;
import cn.marketplace.onboarding.release.Catalogue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Keeps benchmark item 1 honest between runs of the benchmark: a product lifecycle and a bare one run
 * to their ends through every stage with the outside world answered in process, and each bare twin
 * has its product diagram's shape and none of our code.
 */
class LifecyclesTest {

  @TempDir Path copies;

  @Test
  void aProductAndABareLifecycleGoFromApplicationToALiveOfferWithTheOutsideWorldInProcess() {
    BenchDatabase database = new BenchDatabase("jdbc:h2:mem:bench_test_" + UUID.randomUUID().toString().substring(0, 8)
        + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    try (ConfigurableApplicationContext context = BenchContexts.start(database, List.of("bench"), Map.of())) {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      List<String> twins = BareTwins.deploy(engine, copies);
      BareTwins.grantAsOnProduct(engine.getAuthorizationService(), context.getBean(AuthorizationGrants.class), twins);

      Lifecycles.product(context).run();
      Lifecycles.bare(context).run();

      assertThat(twins).containsExactlyInAnyOrder("bare_publisherOnboarding", "bare_imageCertification",
          "bare_offerRelease");
      for (String key : List.of("imageCertification", "bare_imageCertification")) {
        assertThat(passed(engine, key, "imageCertified")).as(key).isEqualTo(1);
      }
      for (String key : List.of("offerRelease", "bare_offerRelease")) {
        assertThat(passed(engine, key, "timerReleaseAt")).as(key).isEqualTo(1);
        assertThat(passed(engine, key, "offerReleased")).as(key).isEqualTo(1);
      }
      // only the product's code met the fakes: one SSH run, one report of two documents, the mails
      assertThat(context.getBean(CannedLinuxVmProbe.class).runs()).isEqualTo(1);
      assertThat(context.getBean(InProcessReportStorage.class).documents()).isEqualTo(2);
      assertThat(context.getBean(InProcessMailSender.class).sent()).isPositive();
      assertThat(context.getBean(Catalogue.class).live()).singleElement()
          .satisfies(offer -> assertThat(offer.offerId()).isEqualTo("contoso-db"));
    }
  }

  /** How many times instances of {@code processKey} passed {@code activityId}, from the history. */
  private static long passed(ProcessEngine engine, String processKey, String activityId) {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(processKey)
        .latestVersion().singleResult().getId();
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processDefinitionId(definitionId)
        .activityId(activityId).finished().count();
  }

  @Test
  void eachBareTwinHasItsDiagramsTasksGatewaysAndTimersAndOnlyTheEmptyDelegate() throws IOException {
    Resource[] diagrams = new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn");
    assertThat(diagrams).hasSize(3);
    for (Resource diagram : diagrams) {
      BpmnModelInstance product;
      try (InputStream in = diagram.getInputStream()) {
        product = Bpmn.readModelFromStream(in);
      }
      BpmnModelInstance twin = BareTwins.twinOf(product);
      for (Class<? extends org.camunda.bpm.model.xml.instance.ModelElementInstance> type : List.of(UserTask.class,
          ServiceTask.class, ExclusiveGateway.class, EventBasedGateway.class, BoundaryEvent.class,
          TimerEventDefinition.class, FlowNode.class)) {
        assertThat(twin.getModelElementsByType(type)).as(diagram.getFilename() + " " + type.getSimpleName())
            .hasSameSizeAs(product.getModelElementsByType(type));
      }
      assertThat(twin.getModelElementsByType(ServiceTask.class)).as(diagram.getFilename())
          .allSatisfy(task -> assertThat(task.getCamundaDelegateExpression())
              .isEqualTo("${" + BenchConfiguration.BARE_DELEGATE + "}"))
          .filteredOn(ServiceTask::isCamundaAsyncBefore)
          .hasSameSizeAs(product.getModelElementsByType(ServiceTask.class).stream()
              .filter(ServiceTask::isCamundaAsyncBefore).toList());
      assertThat(twin.getModelElementsByType(CamundaTaskListener.class)).isEmpty();
      assertThat(twin.getModelElementsByType(CamundaExecutionListener.class)).isEmpty();
    }
  }
}
