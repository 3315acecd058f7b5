package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.ExpectationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** In-process tasks: each request is one {@link Callable#call()} on the worker's virtual thread. */
public final class CallableTarget<T> implements Target {

    /**
     * One task.
     *
     * @param name name in reports
     * @param task the work
     * @param weight relative share
     * @param <T> result type
     */
    public record Task<T>(String name, Callable<? extends T> task, int weight) {}

    /**
     * A named check of a task's result.
     *
     * @param description shown in reports
     * @param predicate true when the result is acceptable
     * @param <T> result type
     */
    public record ResultCheck<T>(String description, Predicate<? super T> predicate) {}

    private final List<Task<T>> tasks;
    private final List<ResultCheck<T>> checks;

    /** @param tasks the tasks (names unique); @param checks checks applied to every task's result */
    public CallableTarget(List<Task<T>> tasks, List<ResultCheck<T>> checks) {
        this.tasks = List.copyOf(tasks);
        this.checks = List.copyOf(checks);
    }

    @Override
    public List<String> names() {
        return tasks.stream().map(t -> t.name()).toList();
    }

    @Override
    public List<String> methods() {
        return tasks.stream().map(t -> "CALL").toList();
    }

    @Override
    public List<String> descriptions() {
        return tasks.stream().map(t -> "in-process task " + t.name()).toList();
    }

    @Override
    public int[] weights() {
        return tasks.stream().mapToInt(t -> t.weight()).toArray();
    }

    @Override
    public String transport() {
        return "IN_PROCESS";
    }

    @Override
    public Session newSession() {
        return new Session() {
            @Override
            public void execute(int endpoint, long deadlineNanos, Outcome out) {
                Task<T> t = tasks.get(endpoint);
                out.where = t.name();
                T value;
                try {
                    value = t.task().call();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.failure(0, ErrorKind.EXCEPTION, null, e);
                    out.where = t.name();
                    return;
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Exception | Error e) {
                    out.failure(0, ErrorKind.EXCEPTION, null, e);
                    out.where = t.name();
                    return;
                }
                for (ResultCheck<T> c : checks) {
                    boolean passed;
                    String why = "";
                    try {
                        passed = c.predicate().test(value);
                    } catch (RuntimeException e) {
                        passed = false;
                        why = ": " + e;
                    }
                    if (!passed) {
                        out.failure(
                                0,
                                ErrorKind.CHECK_FAILED,
                                "check '" + c.description() + "' failed on " + t.name() + " result " + abbreviate(value)
                                        + why,
                                null);
                        return;
                    }
                }
                out.success(0);
            }

            @Override
            public void abort() {
                // the engine interrupts the worker thread
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }

    @Override
    public List<ExpectationResult> expectations(Bucket totals) {
        List<ExpectationResult> results = new ArrayList<>();
        for (ResultCheck<T> c : checks) {
            long failed = 0;
            long checked = 0;
            StringBuilder unjudged = new StringBuilder();
            boolean allJudged = true;
            for (int i = 0; i < tasks.size(); i++) {
                failed += totals.errorsByKind[i][ErrorKind.CHECK_FAILED.ordinal()];
                checked += totals.requests[i]
                        - totals.noResponse(i)
                        - totals.errorsByKind[i][ErrorKind.EXCEPTION.ordinal()];
                String u = totals.unjudged(i);
                if (!u.isEmpty()) {
                    allJudged = false;
                    unjudged.append("; ").append(tasks.get(i).name()).append(u.replaceFirst("^; ", ": "));
                }
            }
            results.add(new ExpectationResult(
                    "check " + c.description(),
                    checked > 0 && failed == 0 && allJudged,
                    failed + " of " + checked + " result(s) failed the checks" + unjudged));
        }
        return results;
    }

    @Override
    public void close() {
        // nothing held
    }
}
