package io.backendkit.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Issue 18: value lambdas, void lambdas and void method references all reach {@link LoadTest#of} without casts. */
class VoidTaskTest {

    private final AtomicLong voidCalls = new AtomicLong();

    private static final class Repo {
        private final AtomicLong finds = new AtomicLong();

        String find(int id) {
            finds.incrementAndGet();
            return "order-" + id;
        }
    }

    private void voidMethod() {
        voidCalls.incrementAndGet();
    }

    @Test
    void valueAndVoidTasksCompileWithoutCastsAndAreEachCalledTheBudget() {
        Repo repo = new Repo();
        CallableLoadTest<String> value = LoadTest.of(() -> repo.find(42)).check("found", s -> s.equals("order-42"));
        CallableLoadTest<Void> emptyBlock = LoadTest.of(() -> {});
        CallableLoadTest<Void> methodRef = LoadTest.of(this::voidMethod);
        CallableLoadTest<Void> named = LoadTest.of("void", this::voidMethod);
        CallableLoadTest<String> namedValue = LoadTest.of("find", () -> repo.find(1));

        assertThat(run(value).total().errors()).isZero();
        assertThat(repo.finds.get()).isEqualTo(20);
        assertThat(run(emptyBlock).total().requests()).isEqualTo(20);
        run(methodRef);
        assertThat(voidCalls.get()).isEqualTo(20);
        LoadReport namedReport = run(named);
        assertThat(voidCalls.get()).isEqualTo(40);
        assertThat(namedReport.name()).isEqualTo("void");
        assertThat(run(namedValue).name()).isEqualTo("find");
    }

    @Test
    void voidTasksMixWithValueTasksAndTheirExceptionsAreErrors() {
        LoadReport r = LoadTest.of("ok", this::voidMethod)
                .and("boom", () -> {
                    throw new IllegalStateException("void task failed");
                })
                .and("also", 2, this::voidMethod)
                .requests(40)
                .progress(ProgressListener.none())
                .run();
        assertThat(r.total().requests()).isEqualTo(40);
        assertThat(r.endpoint("boom").errors())
                .isEqualTo(r.endpoint("boom").requests())
                .isPositive();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.EXCEPTION);
            assertThat(e.firstMessage()).isEqualTo("IllegalStateException: void task failed (boom)");
        });
    }

    private static LoadReport run(CallableLoadTest<?> test) {
        return test.requests(20).progress(ProgressListener.none()).run();
    }
}
