/**
 * backendkit loadgen: load generation from code and JUnit.
 *
 * <p>{@link io.backendkit.loadgen.LoadTest} starts a test against HTTP endpoints or in-process
 * tasks; closed (virtual users) and open (arrival rate, coordinated-omission corrected) models run
 * on virtual threads and record into HdrHistogram. The {@link io.backendkit.loadgen.LoadReport}
 * renders as text, JSON and self-contained HTML, compares with a baseline, and carries scaling
 * hints; {@link io.backendkit.loadgen.LoadAssertions} turns it into AssertJ assertions.
 */
package io.backendkit.loadgen;
