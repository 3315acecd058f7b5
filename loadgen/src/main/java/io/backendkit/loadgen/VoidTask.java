package io.backendkit.loadgen;

/**
 * In-process work without a result, for {@link LoadTest#of(VoidTask)}: a block lambda such as {@code
 * () -> {}} or a reference to a {@code void} method. A task that returns a value is a {@link
 * java.util.concurrent.Callable} instead; when a lambda fits both, Java picks the {@code Callable}
 * overload, so value lambdas keep their result for {@link CallableLoadTest#check checks}.
 *
 * <p>Implementations are called concurrently from many virtual threads and must be thread-safe.
 */
@FunctionalInterface
public interface VoidTask {

    /**
     * Does one unit of work; an exception counts as an {@link ErrorKind#EXCEPTION} error.
     *
     * @throws Exception any failure of the work
     */
    void run() throws Exception;

    /**
     * This task as a {@code Callable} that returns {@code null}.
     *
     * @param <T> the result type the caller wants (the result is always {@code null})
     * @return a callable that runs this task
     */
    default <T> java.util.concurrent.Callable<T> asCallable() {
        return () -> {
            run();
            return null;
        };
    }
}
