package org.radiospark.kernels;
