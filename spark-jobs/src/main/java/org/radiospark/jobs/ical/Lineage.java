package org.radiospark.jobs.ical;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.Dependency;
import org.apache.spark.ShuffleDependency;
import org.apache.spark.rdd.RDD;
import scala.jdk.javaapi.CollectionConverters;

/** Walks an RDD's lineage: how many shuffles and RDDs lie between it and a given ancestor. */
final class Lineage {
  private Lineage() {}

  /**
   * {@code {shuffle dependencies, RDDs}} in the lineage of {@code rdd}, not descending below the
   * RDD with id {@code stopAt} (the loaded visibilities: their own partitionBy is not the loop's).
   */
  static int[] count(RDD<?> rdd, int stopAt) {
    Deque<RDD<?>> todo = new ArrayDeque<>();
    Set<Integer> seen = new HashSet<>();
    todo.push(rdd);
    int shuffles = 0;
    while (!todo.isEmpty()) {
      RDD<?> r = todo.pop();
      if (!seen.add(r.id()) || r.id() == stopAt) {
        continue;
      }
      for (Dependency<?> d : CollectionConverters.asJava(r.dependencies())) {
        if (d instanceof ShuffleDependency<?, ?, ?>) {
          shuffles++;
        }
        todo.push(d.rdd());
      }
    }
    return new int[] {shuffles, seen.size()};
  }
}
