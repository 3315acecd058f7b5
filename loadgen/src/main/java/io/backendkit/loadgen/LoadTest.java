package io.backendkit.loadgen;

import java.util.concurrent.Callable;

/**
 * The front door of backendkit loadgen: start an HTTP load test with {@link #http()} or an
 * in-process one with {@link #of(Callable)} (or {@link #of(VoidTask)} for work without a result), configure it fluently, and {@link LoadTestBuilder#run()
 * run} it for an immutable {@link LoadReport}.
 *
 * <pre>{@code
 * LoadReport r = LoadTest.http()
 *         .get("http://127.0.0.1:8080/users").header("Accept", "application/json")
 *         .concurrency(50)
 *         .warmUp(Duration.ofSeconds(2))
 *         .duration(Duration.ofSeconds(30))
 *         .run();
 * log.info("{}", r.toText());
 *
 * LoadReport open = LoadTest.http().get(uri).arrivalRate(2_000).maxInFlight(200).duration(ofSeconds(30)).run();
 * LoadReport inProcess = LoadTest.of(() -> service.quote(42)).concurrency(8).requests(50_000).run();
 * }</pre>
 *
 * <p>Virtual users and open-model workers run on virtual threads; each records into its own
 * HdrHistograms, merged once per interval, so recording never contends. This class is stateless
 * and thread-safe; each factory method returns a new builder, which is not thread-safe.
 */
public final class LoadTest {

    private LoadTest() {}

    /**
     * A new HTTP load test; add endpoints with {@code get(...)}, {@code post(...)}, {@code request(...)}.
     *
     * @return a fresh builder with every setting at its default (closed model, 1 user, 10 seconds)
     */
    public static HttpLoadTest http() {
        return new HttpLoadTest();
    }

    /**
     * A new in-process load test of one task, named {@code task}.
     *
     * @param <T> the task's result type
     * @param task the work of one request, called concurrently from virtual threads; must be thread-safe
     * @return a fresh builder with every setting at its default (closed model, 1 user, 10 seconds)
     * @throws LoadTestException when {@code task} is null
     */
    public static <T> CallableLoadTest<T> of(Callable<T> task) {
        return of("task", task);
    }

    /**
     * A new in-process load test of one named task; add more with {@link CallableLoadTest#and}.
     *
     * @param <T> the task's result type
     * @param name the task's name in reports, not blank
     * @param task the work of one request, called concurrently from virtual threads; must be thread-safe
     * @return a fresh builder with every setting at its default (closed model, 1 user, 10 seconds)
     * @throws LoadTestException when {@code name} is blank or {@code task} is null
     */
    public static <T> CallableLoadTest<T> of(String name, Callable<T> task) {
        return new CallableLoadTest<>(name, task);
    }

    /**
     * A new in-process load test of one task without a result ({@code () -> {}}, {@code this::warmCache}),
     * named {@code task}. Its result is {@code null}.
     *
     * @param task the work of one request, called concurrently from virtual threads; must be thread-safe
     * @return a fresh builder with every setting at its default (closed model, 1 user, 10 seconds)
     * @throws LoadTestException when {@code task} is null
     */
    public static CallableLoadTest<Void> of(VoidTask task) {
        return of("task", task);
    }

    /**
     * A new in-process load test of one named task without a result; add more with {@link
     * CallableLoadTest#and}.
     *
     * @param name the task's name in reports, not blank
     * @param task the work of one request, called concurrently from virtual threads; must be thread-safe
     * @return a fresh builder with every setting at its default (closed model, 1 user, 10 seconds)
     * @throws LoadTestException when {@code name} is blank or {@code task} is null
     */
    public static CallableLoadTest<Void> of(String name, VoidTask task) {
        return new CallableLoadTest<>(name, callable(name, task));
    }

    private static Callable<Void> callable(String name, VoidTask task) {
        return task == null ? null : task.asCallable();
    }
}
