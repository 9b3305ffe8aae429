/**
 * Small public conveniences for the Zeppelin notes in {@code notebooks/} (issue 7): HTML output of
 * the project's PNG plots ({@link org.radiospark.jobs.notebook.Html}), the ICAL sample as the keyed
 * RDD the pipeline uses and its predicted against observed visibilities ({@link
 * org.radiospark.jobs.notebook.IcalNotebook}), GLEAM-X catalogues and cross-matches as DataFrames
 * ({@link org.radiospark.jobs.notebook.GleamxNotebook}) and a small polarised sample and a pixel's
 * Faraday dispersion function ({@link org.radiospark.jobs.notebook.SpectralNotebook}). They keep
 * the notes' Scala short: the pipelines themselves run through their Java entry points ({@code
 * IcalJob.run}, {@code GleamxJob.run}, {@code SpectralJob.run}).
 */
package org.radiospark.jobs.notebook;
