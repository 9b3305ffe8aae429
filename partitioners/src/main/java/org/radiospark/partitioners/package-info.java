/**
 * RDD keys and Spark partitioners. Partitioners are final and immutable, with {@code equals} and
 * {@code hashCode} over every parameter (Spark skips a shuffle only when two partitioners are
 * equal) and a pure static {@code partitionOf(...)} that states the mapping.
 */
package org.radiospark.partitioners;
