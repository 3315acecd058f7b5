package io.backendkit.loadgen;

import io.backendkit.loadgen.internal.Engine;
import io.backendkit.loadgen.internal.RunPlan;
import io.backendkit.loadgen.internal.Target;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings every load test has, whatever its target: the load model, how long it runs, warm-up,
 * timeouts, progress reporting. Obtain one from {@link LoadTest}.
 *
 * <p>Choose one model: {@link #concurrency(int)} (closed: virtual users, the default with 1 user)
 * or {@link #arrivalRate(double)} (open: a fixed schedule). Stop by {@link #duration(Duration)} or by
 * {@link #requests(long)}, never both: a run with both is refused when it starts (with a {@link
 * LoadTestException}), since it could end on either and its numbers would mean different things from run
 * to run. With neither the run lasts {@link #DEFAULT_DURATION 10 seconds}. {@link LoadRun#stop()} ends a
 * started run early.
 *
 * <p>Not thread-safe; a builder may be {@link #run() run} several times, each run is independent.
 *
 * @param <B> the concrete builder type
 */
public abstract sealed class LoadTestBuilder<B extends LoadTestBuilder<B>> permits HttpLoadTest, CallableLoadTest {

    /** Default run length when neither duration nor request count is given. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    /** Default cap on requests in flight in the open model. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1000;
    /** Default request timeout. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Default time in-flight requests get to finish at the end before they are cut off. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private String name;
    private Integer users;
    private Double rateFrom;
    private Double rateTo;
    private Integer maxInFlight;
    private Duration rampUp;
    private Duration thinkTime;
    private Duration warmUp = Duration.ZERO;
    private Duration duration;
    private long requests;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
    private Duration sampleInterval = Duration.ofSeconds(1);
    private long seed = 1;
    private ProgressListener listener = ProgressListener.logging();
    private Path histogramLog;
    private Duration scheduleTolerance;

    LoadTestBuilder() {}

    @SuppressWarnings("unchecked") // B is this class's own type by construction (see the permitted subclasses)
    private B self() {
        return (B) this;
    }

    /**
     * The run's name in reports and logs. Default: the endpoint or task name when there is one,
     * otherwise {@code N endpoints} or {@code N tasks}.
     *
     * @param runName the name, not blank (leading and trailing white space is stripped)
     * @return this builder
     * @throws LoadTestException when {@code runName} is null or blank
     */
    public B name(String runName) {
        if (runName == null || runName.isBlank()) {
            throw new LoadTestException("name", "must not be blank");
        }
        this.name = runName.strip();
        return self();
    }

    /**
     * Closed model with this many virtual users, each on its own virtual thread sending one request
     * after another. Default 1.
     *
     * @param virtualUsers the number of virtual users, >= 1
     * @return this builder
     * @throws LoadTestException when {@code virtualUsers} is below 1
     */
    public B concurrency(int virtualUsers) {
        if (virtualUsers < 1) {
            throw new LoadTestException("concurrency", "must be >= 1 (was " + virtualUsers + ")");
        }
        this.users = virtualUsers;
        return self();
    }

    /**
     * Open model at a constant arrival rate: requests are due on a fixed schedule whatever the
     * target does, and latency is measured from each request's intended start.
     *
     * @param perSecond requests per second, > 0 and finite
     * @return this builder
     * @throws LoadTestException when {@code perSecond} is not a positive finite number
     */
    public B arrivalRate(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new LoadTestException("arrivalRate", "must be > 0 (was " + perSecond + ")");
        }
        this.rateFrom = perSecond;
        this.rateTo = perSecond;
        return self();
    }

    /**
     * Open model with a rate that moves linearly from {@code fromPerSecond} to {@code toPerSecond}
     * over the measured {@link #duration(Duration) duration} (the warm-up runs at the start rate).
     * Needs a duration to ramp over.
     *
     * @param fromPerSecond requests per second at the start of the measured window, >= 0 and finite
     * @param toPerSecond requests per second at its end, >= 0 and finite; not both 0
     * @return this builder
     * @throws LoadTestException when a rate is negative or not finite, or both are 0
     */
    public B arrivalRate(double fromPerSecond, double toPerSecond) {
        if (!(fromPerSecond >= 0) || Double.isInfinite(fromPerSecond)) {
            throw new LoadTestException("arrivalRate from", "must be >= 0 (was " + fromPerSecond + ")");
        }
        if (!(toPerSecond >= 0) || Double.isInfinite(toPerSecond)) {
            throw new LoadTestException("arrivalRate to", "must be >= 0 (was " + toPerSecond + ")");
        }
        if (fromPerSecond == 0 && toPerSecond == 0) {
            throw new LoadTestException("arrivalRate from and to", "must not both be 0");
        }
        this.rateFrom = fromPerSecond;
        this.rateTo = toPerSecond;
        return self();
    }

    /**
     * Open model: at most this many requests in flight (over HTTP also capped by {@code
     * connections(...)}). A request due while all are busy waits and is counted late (its latency
     * includes the wait); arrivals still waiting when the run ends are counted dropped, and count as
     * failures in the error rate. Default {@value #DEFAULT_MAX_IN_FLIGHT}.
     *
     * @param requestsInFlight the cap, >= 1
     * @return this builder
     * @throws LoadTestException when {@code requestsInFlight} is below 1
     */
    public B maxInFlight(int requestsInFlight) {
        if (requestsInFlight < 1) {
            throw new LoadTestException("maxInFlight", "must be >= 1 (was " + requestsInFlight + ")");
        }
        this.maxInFlight = requestsInFlight;
        return self();
    }

    /**
     * Open model: how long after its due time an arrival may be handed to an idle worker. The
     * dispatcher then wakes once for all the arrivals due within that time instead of once per
     * arrival, which costs less CPU per request at high rates (every wake-up of the dispatcher and of
     * a carrier thread is a context switch), at the price of up to this much schedule lag, which is
     * counted in the schedule lag and in the latency (measured from the due time). An arrival is never
     * sent before it is due. Default zero: every arrival is handed over as soon as it is due.
     *
     * @param time the tolerance, between zero and one second
     * @return this builder
     * @throws LoadTestException when {@code time} is null, negative or above one second
     */
    public B scheduleTolerance(Duration time) {
        nonNegative("scheduleTolerance", time);
        if (time.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new LoadTestException("scheduleTolerance", "must be at most 1 s (was " + time + ")");
        }
        this.scheduleTolerance = time;
        return self();
    }

    /**
     * Closed model: start the virtual users evenly over this time. Default zero (all at once).
     *
     * @param time the ramp-up, not negative
     * @return this builder
     * @throws LoadTestException when {@code time} is null or negative
     */
    public B rampUp(Duration time) {
        this.rampUp = nonNegative("rampUp", time);
        return self();
    }

    /**
     * Closed model: each virtual user pauses this long between requests. Default zero.
     *
     * @param time the pause, not negative
     * @return this builder
     * @throws LoadTestException when {@code time} is null or negative
     */
    public B thinkTime(Duration time) {
        this.thinkTime = nonNegative("thinkTime", time);
        return self();
    }

    /**
     * Load that runs before the measured window and is excluded from the results. Default zero.
     *
     * @param time the warm-up, not negative
     * @return this builder
     * @throws LoadTestException when {@code time} is null or negative
     */
    public B warmUp(Duration time) {
        this.warmUp = nonNegative("warmUp", time);
        return self();
    }

    /**
     * Length of the measured window (after warm-up). Default 10 seconds unless {@link #requests} is
     * set; setting both is refused by {@link #run()}.
     *
     * @param time the measured window, > 0
     * @return this builder
     * @throws LoadTestException when {@code time} is null, zero or negative
     */
    public B duration(Duration time) {
        if (time == null || time.isNegative() || time.isZero()) {
            throw new LoadTestException("duration", "must be > 0 (was " + time + ")");
        }
        this.duration = time;
        return self();
    }

    /**
     * Stop after this many measured requests (warm-up requests not counted), however long they take.
     * Not together with {@link #duration(Duration)}: {@link #run()} refuses both. Default: none (the
     * run stops by duration).
     *
     * @param count the measured requests, >= 1
     * @return this builder
     * @throws LoadTestException when {@code count} is below 1
     */
    public B requests(long count) {
        if (count < 1) {
            throw new LoadTestException("requests", "must be >= 1 (was " + count + ")");
        }
        this.requests = count;
        return self();
    }

    /**
     * Longest wait for one response before it counts as {@link ErrorKind#READ_TIMEOUT}. Default
     * {@link #DEFAULT_REQUEST_TIMEOUT 10 seconds}. HTTP only; in-process tasks are never interrupted.
     *
     * @param time the timeout, > 0
     * @return this builder
     * @throws LoadTestException when {@code time} is null, zero or negative
     */
    public B requestTimeout(Duration time) {
        if (time == null || time.isNegative() || time.isZero()) {
            throw new LoadTestException("requestTimeout", "must be > 0 (was " + time + ")");
        }
        this.requestTimeout = time;
        return self();
    }

    /**
     * How long requests in flight at the end may take to finish before they are cut off (and
     * counted in {@link LoadReport#cutOffRequests()}). Default {@link #DEFAULT_DRAIN_TIMEOUT 2 seconds}.
     *
     * @param time the drain timeout, not negative (zero cuts off at once)
     * @return this builder
     * @throws LoadTestException when {@code time} is null or negative
     */
    public B drainTimeout(Duration time) {
        this.drainTimeout = nonNegative("drainTimeout", time);
        return self();
    }

    /**
     * Length of one time-series point and of the progress interval. Default 1 second.
     *
     * @param time the interval, at least 10 ms
     * @return this builder
     * @throws LoadTestException when {@code time} is null or shorter than 10 ms
     */
    public B sampleInterval(Duration time) {
        if (time == null || time.toMillis() < 10) {
            throw new LoadTestException("sampleInterval", "must be >= 10ms (was " + time + ")");
        }
        this.sampleInterval = time;
        return self();
    }

    /**
     * Seed of the weighted endpoint choice, so runs pick the same sequence. Default 1.
     *
     * @param value any seed
     * @return this builder
     */
    public B seed(long value) {
        this.seed = value;
        return self();
    }

    /**
     * Receives a snapshot per interval. Default {@link ProgressListener#logging()}.
     *
     * @param progressListener the listener, not null ({@link ProgressListener#none()} for silence)
     * @return this builder
     * @throws LoadTestException when {@code progressListener} is null
     */
    public B progress(ProgressListener progressListener) {
        if (progressListener == null) {
            throw new LoadTestException("progress", "must not be null (use ProgressListener.none())");
        }
        this.listener = progressListener;
        return self();
    }

    /**
     * Also writes an HdrHistogram interval log (the standard format, one set of histograms per
     * sample interval) to this file; {@link HistogramLogs#merge} combines the logs of several
     * generators into one exact report. Default: no log. Parent directories are created and an existing
     * file is replaced; a file that cannot be written fails the run with a {@link LoadTestException}.
     *
     * @param file the log file to write
     * @return this builder
     * @throws LoadTestException when {@code file} is null
     */
    public B histogramLog(Path file) {
        if (file == null) {
            throw new LoadTestException("histogramLog", "must not be null");
        }
        this.histogramLog = file;
        return self();
    }

    /**
     * Runs the test and waits for its report. Failed requests never make this throw; they are
     * counted in the report. Blocks the calling thread until the run and its drain have ended.
     *
     * @return the immutable report of the measured window
     * @throws LoadTestException when the configuration is inconsistent (named in the message), the target
     *     cannot be set up, or the calling thread is interrupted while waiting
     */
    public LoadReport run() {
        try (LoadRun run = start()) {
            return run.await();
        }
    }

    /**
     * Starts the test and returns at once; {@link LoadRun#await()} waits for the report and {@link
     * LoadRun#stop()} ends it early. Close the returned run (try-with-resources) so that no
     * threads or sockets outlive it.
     *
     * @return the run in progress
     * @throws LoadTestException when the configuration is inconsistent (named in the message) or the target
     *     cannot be set up
     */
    public LoadRun start() {
        Target target = target();
        RunPlan plan;
        try {
            plan = plan(target);
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
        Engine engine = new Engine(plan, target);
        engine.start();
        return new LoadRun(engine);
    }

    Duration requestTimeoutSetting() {
        return requestTimeout;
    }

    /** The target of this test, validated. */
    abstract Target target();

    /** The connections setting (open model over HTTP), or null when not set or not applicable. */
    Integer connectionsSetting() {
        return null;
    }

    /** The open model's connection count when none was set; 0 when the target has no connections. */
    int defaultConnections() {
        return 0;
    }

    /** The default name when none was given. */
    abstract String defaultName(Target target);

    private RunPlan plan(Target target) {
        boolean open = rateFrom != null;
        if (open && users != null) {
            throw new LoadTestException(
                    "load model",
                    "choose concurrency(" + users + ") (closed model) or arrivalRate(...) (open model), not both");
        }
        if (open && (rampUp != null || thinkTime != null)) {
            throw new LoadTestException(
                    "load model",
                    "rampUp and thinkTime belong to the closed model; the open model has arrivalRate(from, to)");
        }
        if (!open && connectionsSetting() != null) {
            throw new LoadTestException(
                    "load model",
                    "connections(...) belongs to the open model; in the closed model each user has its own connection");
        }
        if (!open && scheduleTolerance != null) {
            throw new LoadTestException(
                    "load model",
                    "scheduleTolerance belongs to the open model; set arrivalRate(...) or drop scheduleTolerance");
        }
        if (!open && maxInFlight != null) {
            throw new LoadTestException(
                    "load model", "maxInFlight belongs to the open model; set arrivalRate(...) or drop maxInFlight");
        }
        if (duration != null && requests > 0) {
            throw new LoadTestException(
                    "stop condition",
                    "choose duration(" + duration + ") or requests(" + requests
                            + "), not both; a run stops on exactly one of them (LoadRun.stop() ends a run early)");
        }
        if (open && !rateFrom.equals(rateTo) && duration == null) {
            throw new LoadTestException("arrivalRate", "a ramping rate needs duration(...) to ramp over");
        }
        if (open && rateFrom == 0 && warmUp.isPositive()) {
            throw new LoadTestException("arrivalRate", "warm-up runs at the start rate, which is 0; start above 0");
        }
        Duration effectiveDuration = duration == null && requests == 0 ? DEFAULT_DURATION : duration;
        return new RunPlan(
                name != null ? name : defaultName(target),
                open ? LoadModel.OPEN : LoadModel.CLOSED,
                users == null ? 1 : users,
                rampUp == null ? Duration.ZERO : rampUp,
                thinkTime == null ? Duration.ZERO : thinkTime,
                open ? rateFrom : 0,
                open ? rateTo : 0,
                maxInFlight == null ? DEFAULT_MAX_IN_FLIGHT : maxInFlight,
                !open ? 0 : connectionsSetting() != null ? connectionsSetting() : defaultConnections(),
                warmUp,
                effectiveDuration,
                requests,
                requestTimeout,
                drainTimeout,
                sampleInterval,
                seed,
                listener,
                histogramLog,
                scheduleTolerance == null ? Duration.ZERO : scheduleTolerance);
    }

    private static Duration nonNegative(String what, Duration time) {
        if (time == null || time.isNegative()) {
            throw new LoadTestException(what, "must be >= 0 (was " + time + ")");
        }
        return time;
    }
}
