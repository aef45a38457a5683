package cn.marketplace.onboarding.cluster;

import cn.marketplace.onboarding.testsupport.cluster.ProductNode;
import java.util.List;

/**
 * One process driven through the cluster the way its users drive it. {@link ClusterTest} runs the
 * workloads through its phases (two nodes, a node killed, outages, a restart) and checks, after
 * each, that every instance of every workload ended once and its mails were sent once; a new
 * process joins by adding its workload to {@link ClusterTest#workloads}.
 */
interface Workload {

  /** Starts {@code count} instances, spread over {@code nodes}. */
  void start(int count, List<ProductNode> nodes);

  /** Completes every user task of the started instances through {@code nodes} until each instance has ended. */
  void driveToEnd(List<ProductNode> nodes);

  /** Every instance started so far. */
  List<String> processInstanceIds();

  /** How many mails the instances started so far send when they end, each exactly once. */
  int expectedMails();
}
