package org.radiospark.jobs;
