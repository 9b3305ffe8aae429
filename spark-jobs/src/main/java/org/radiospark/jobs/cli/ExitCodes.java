package org.radiospark.jobs.cli;

/** Process exit statuses of every RadioSpark command. */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;

  /** The run failed for a reason other than its input (a bug, the cluster, the disk). */
  public static final int FAILURE = 1;

  /** Bad input: unreadable or inconsistent files, or invalid options. */
  public static final int BAD_INPUT = 2;
}
