package io.backendkit.loadgen;

import io.backendkit.loadgen.internal.CallableTarget;
import io.backendkit.loadgen.internal.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * A load test of in-process work: each request is one call of a {@link Callable} (a repository
 * method, a service call) on the virtual user's virtual thread. A task that throws counts as an
 * {@link ErrorKind#EXCEPTION} error; a result that fails a {@link #check} as {@link
 * ErrorKind#CHECK_FAILED}.
 *
 * <pre>{@code
 * LoadReport report = LoadTest.of("findUser", () -> repository.findUser(42))
 *         .check("found", user -> user != null)
 *         .concurrency(16)
 *         .requests(100_000)
 *         .run();
 * }</pre>
 *
 * <p>Not thread-safe. The tasks themselves are called concurrently and must be thread-safe.
 *
 * @param <T> the tasks' result type
 */
public final class CallableLoadTest<T> extends LoadTestBuilder<CallableLoadTest<T>> {

    private final List<CallableTarget.Task<T>> tasks = new ArrayList<>();
    private final List<CallableTarget.ResultCheck<T>> checks = new ArrayList<>();

    CallableLoadTest(String name, Callable<? extends T> task) {
        and(name, 1, task);
    }

    /**
     * Adds another task with weight 1.
     *
     * @param name its name in reports, not blank, unique within the test
     * @param task the work, called concurrently; must be thread-safe
     * @return this builder
     * @throws LoadTestException when {@code name} is blank or {@code task} is null
     */
    public CallableLoadTest<T> and(String name, Callable<? extends T> task) {
        return and(name, 1, task);
    }

    /**
     * Adds another task.
     *
     * @param name its name in reports, unique within the test
     * @param weight its share of the calls, >= 1
     * @param task the work, called concurrently; must be thread-safe
     * @return this builder
     * @throws LoadTestException when {@code name} is blank, {@code task} is null or {@code weight} is below
     *     1 (a name used twice is refused when the run starts)
     */
    public CallableLoadTest<T> and(String name, int weight, Callable<? extends T> task) {
        if (name == null || name.isBlank()) {
            throw new LoadTestException("task name", "must not be blank");
        }
        if (task == null) {
            throw new LoadTestException("task " + name, "must not be null");
        }
        if (weight < 1) {
            throw new LoadTestException("weight", "must be >= 1 (was " + weight + ")");
        }
        tasks.add(new CallableTarget.Task<>(name.strip(), task, weight));
        return this;
    }

    /**
     * Adds another task without a result (its result is {@code null}) with weight 1.
     *
     * @param name its name in reports, not blank, unique within the test
     * @param task the work, called concurrently; must be thread-safe
     * @return this builder
     * @throws LoadTestException when {@code name} is blank or {@code task} is null
     */
    public CallableLoadTest<T> and(String name, VoidTask task) {
        return and(name, 1, task);
    }

    /**
     * Adds another task without a result (its result is {@code null}); see {@link #and(String, int,
     * Callable)}.
     *
     * @param name its name in reports, not blank, unique within the test
     * @param weight its share of the calls, >= 1
     * @param task the work, called concurrently; must be thread-safe
     * @return this builder
     * @throws LoadTestException when {@code name} is blank, {@code task} is null or {@code weight} is below 1
     */
    public CallableLoadTest<T> and(String name, int weight, VoidTask task) {
        return and(name, weight, task == null ? null : task.<T>asCallable());
    }

    /**
     * Adds a check every task result must pass; a result that fails it counts as a {@link
     * ErrorKind#CHECK_FAILED} error. Checks apply to the results of every task and are called
     * concurrently, so they must be thread-safe. Default: none.
     *
     * @param description what is checked, shown in reports; not blank
     * @param predicate true when the result is acceptable; not null
     * @return this builder
     * @throws LoadTestException when {@code description} is blank or {@code predicate} is null
     */
    public CallableLoadTest<T> check(String description, Predicate<? super T> predicate) {
        if (description == null || description.isBlank()) {
            throw new LoadTestException("check description", "must not be blank");
        }
        if (predicate == null) {
            throw new LoadTestException("check predicate", "must not be null");
        }
        checks.add(new CallableTarget.ResultCheck<>(description, predicate));
        return this;
    }

    @Override
    Target target() {
        Set<String> names = new HashSet<>();
        for (CallableTarget.Task<T> t : tasks) {
            if (!names.add(t.name())) {
                throw new LoadTestException("task " + t.name(), "name used twice");
            }
        }
        return new CallableTarget<>(tasks, checks);
    }

    @Override
    String defaultName(Target target) {
        return tasks.size() == 1 ? tasks.get(0).name() : tasks.size() + " tasks";
    }
}
