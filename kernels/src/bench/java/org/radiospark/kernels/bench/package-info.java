/**
 * JMH benchmarks of the kernels, compiled only under the {@code -Pbench} Maven profile (which adds
 * {@code src/bench/java} as a test source folder and JMH to the test classpath; the annotation
 * processor writes {@code META-INF/BenchmarkList} into {@code target/test-classes}).
 *
 * <p>Run from the repository root (the first two commands once per change; JMH must be in the local
 * Maven repository, {@code mvn -Pbench -pl kernels dependency:resolve} fetches it once online):
 *
 * <pre>
 * mvn -B -q -o -Pbench -pl kernels test-compile
 * mvn -B -q -o -Pbench -pl kernels dependency:build-classpath -Dmdep.outputFile=/tmp/bench.cp
 * java -Xmx3g -cp kernels/target/test-classes:kernels/target/classes:$(cat /tmp/bench.cp) \
 *     org.openjdk.jmh.Main 'GriddingBenchmark|FftBenchmark' -rf text -rff /tmp/jmh.txt
 * </pre>
 *
 * Select configurations with JMH's {@code -p name=value} (for example {@code -p precision=FLOAT -p
 * wGridding=false -p epsilon=1e-4}) and shorten runs with {@code -wi 1 -i 2}. Other engineers'
 * builds share the cores: note the load average beside any figure.
 */
package org.radiospark.kernels.bench;
