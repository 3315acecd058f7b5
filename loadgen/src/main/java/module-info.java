/**
 * backendkit loadgen: virtual-thread HTTP and in-process load generation with HdrHistogram
 * percentiles, open and closed models, text/JSON/HTML reports and AssertJ assertions.
 */
module io.backendkit.loadgen {
    exports io.backendkit.loadgen;

    requires transitive io.backendkit.core;
    requires org.slf4j;
    requires transitive HdrHistogram; // EndpointStats and LatencyStats expose its histograms
    requires java.net.http;
    requires static org.assertj.core;
}
