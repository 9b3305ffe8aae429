package org.radiospark.partitioners;
