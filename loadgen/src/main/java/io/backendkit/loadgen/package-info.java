/** backendkit loadgen: Virtual-thread HTTP and in-process load generation with HdrHistogram percentiles and AssertJ assertions. Work in progress: the public API arrives with the module's issue. */
package io.backendkit.loadgen;
