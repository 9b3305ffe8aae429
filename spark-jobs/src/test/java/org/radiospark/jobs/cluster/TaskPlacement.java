package org.radiospark.jobs.cluster;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Where the tasks of an application ran: finished tasks per executor id and each executor's host,
 * from the driver's listener bus (the executors report through it, so the record cannot come from
 * the test's own side).
 */
final class TaskPlacement extends SparkListener {
  private final Map<String, Integer> tasks = new TreeMap<>();
  private final Map<String, String> hosts = new TreeMap<>();

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    tasks.merge(end.taskInfo().executorId(), 1, Integer::sum);
    hosts.put(end.taskInfo().executorId(), end.taskInfo().host());
  }

  /** Finished tasks per executor id. */
  synchronized Map<String, Integer> tasksByExecutor() {
    return Map.copyOf(tasks);
  }

  /** Host of each executor that ran a task. */
  synchronized Map<String, String> hostsByExecutor() {
    return Map.copyOf(hosts);
  }
}
