package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.LoadReport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one load test: starts the workers (virtual threads) of the closed or open model, samples
 * their recorders once per interval on a controller thread ({@link IntervalCollector}), stops them at
 * the end (cutting off what does not finish within the drain timeout) and builds the report.
 * Single use.
 *
 * <p>The parts: {@link ClosedModelDriver} or {@link OpenModelDriver} send the load,
 * {@link IntervalCollector} turns what they record into the time series and totals,
 * {@link HistogramLogOutput} writes the histogram log, {@link ReportAssembler} builds the report;
 * {@link RunContext} is what they share.
 */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final RunContext run;
    private final OpenModelDriver openDriver;
    private final ClosedModelDriver closedDriver;
    private final CompletableFuture<LoadReport> result = new CompletableFuture<>();

    /** Prepares a run; nothing starts before {@link #start()}. */
    public Engine(RunPlan plan, Target target) {
        this.run = new RunContext(plan, target);
        this.openDriver = run.open ? new OpenModelDriver(run) : null;
        this.closedDriver = run.open ? null : new ClosedModelDriver(run);
    }

    /** Starts the run and returns at once. */
    public void start() {
        run.markStart(System.nanoTime());
        if (run.open) {
            openDriver.start();
        } else {
            closedDriver.start();
        }
        Thread controller =
                Thread.ofPlatform().name("loadgen-controller").daemon().unstarted(this::control);
        controller.start();
    }

    /** Ends the run early: no new requests; the report covers what was measured so far. */
    public void stop() {
        run.endSignal.countDown();
    }

    /** The report, completed when the run has ended. */
    public CompletableFuture<LoadReport> result() {
        return result;
    }

    private void control() {
        HistogramLogOutput log = null;
        try {
            if (run.plan.histogramLog() != null) {
                log = HistogramLogOutput.create(
                        run.plan, run.target.names(), run.target.transport(), run.measureStartWall, run.measureStart);
            }
            result.complete(runController(log));
        } catch (Throwable t) {
            run.abortAll();
            result.completeExceptionally(t);
        } finally {
            if (log != null) {
                log.close();
            }
            run.target.close();
        }
    }

    private LoadReport runController(HistogramLogOutput log) throws InterruptedException {
        IntervalCollector intervals = new IntervalCollector(
                run.endpoints,
                run.open,
                run.trackErrorLatency,
                run.measureStart,
                run.open ? openDriver::offeredAt : end -> 0,
                log);
        long intervalStart = intervals.collect(run);

        // end of run: no new requests, let in-flight ones finish, cut off the rest
        long end = Math.min(System.nanoTime(), run.measureEnd);
        run.stopping = true;
        for (Thread t : run.threads) {
            LockSupport.unpark(t);
        }
        finishWorkers();
        long measuredEnd = Math.max(end, run.measureStart);
        intervals.closeLast(run, intervalStart, measuredEnd);
        long measuredNanos = Math.max(0, measuredEnd - run.measureStart);
        long scheduled = 0;
        if (run.open) {
            OpenModelDriver.Unsent unsent = openDriver.account(measuredEnd, intervals.totals(), intervals.starts());
            intervals.withUnsent(unsent.dropped(), unsent.notStarted());
            scheduled = unsent.scheduled();
        }
        LoadReport report = ReportAssembler.assemble(
                run.plan,
                run.target,
                intervals.totals(),
                intervals.series(),
                intervals.endpointSeries(),
                run.measureStartWall,
                measuredNanos,
                intervals.warmUpRequests(),
                scheduled,
                run.cutOff.get());
        if (log != null) {
            log.writeTotals(report, run.open ? intervals.totals().lag : null);
        }
        return report;
    }

    /** Waits for in-flight requests up to the drain timeout, then cuts them off. */
    private void finishWorkers() throws InterruptedException {
        long drainDeadline = System.nanoTime() + run.plan.drainTimeout().toNanos();
        for (Thread t : run.threads) {
            long left = drainDeadline - System.nanoTime();
            if (left > 0) {
                t.join(Duration.ofNanos(left));
            }
        }
        if (run.threads.stream().anyMatch(Thread::isAlive)) {
            run.abortAll();
            for (Thread t : run.threads) {
                t.join(Duration.ofSeconds(2));
                if (t.isAlive()) {
                    LOG.warn("{} did not stop after being cut off; leaving it behind", t.getName());
                }
            }
        }
    }
}
