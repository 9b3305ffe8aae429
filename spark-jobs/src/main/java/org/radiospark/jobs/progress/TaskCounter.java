package org.radiospark.jobs.progress;

import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.storage.RDDInfo;

/**
 * Driver-side listener behind {@link Progress#tasks}: counts the partitions of one RDD as their
 * tasks succeed. A stage is watched when it carries the call's tag in the local property {@value
 * Progress#TAG} (set on the submitting thread) and computes the RDD (the RDD is among the stage's
 * {@code rddInfos}); a partition counts once, at the finish time of its first successful task, so
 * retried stages and speculative copies do not count twice. Events come from Spark's listener
 * thread, one at a time.
 */
final class TaskCounter extends SparkListener {
  private final String tag;
  private final int rddId;
  private final Progress.Counter counter;
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();

  TaskCounter(String tag, int rddId, Progress.Counter counter) {
    this.tag = tag;
    this.rddId = rddId;
    this.counter = counter;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    Properties p = event.properties();
    if (p == null || !tag.equals(p.getProperty(Progress.TAG))) {
      return;
    }
    scala.collection.Iterator<RDDInfo> it = event.stageInfo().rddInfos().iterator();
    while (it.hasNext()) {
      if (it.next().id() == rddId) {
        stages.add(event.stageInfo().stageId());
        return;
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    if (!stages.contains(event.stageId()) || !event.taskInfo().successful()) {
      return;
    }
    if (partitions.add(event.taskInfo().partitionId()) && partitions.size() <= counter.total()) {
      counter.doneAt(event.taskInfo().finishTime(), null, null);
    }
  }
}
