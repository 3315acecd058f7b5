/** backendkit loadgen: Virtual-thread HTTP and in-process load generation with HdrHistogram percentiles and AssertJ assertions. */
module io.backendkit.loadgen {
    exports io.backendkit.loadgen;

    requires transitive io.backendkit.core;
    requires org.slf4j;
}
