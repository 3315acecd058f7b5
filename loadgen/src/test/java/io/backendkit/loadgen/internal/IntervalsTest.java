package io.backendkit.loadgen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.IntervalStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntervalsTest {

    @Test
    void anArrivalBelongsToTheLastIntervalStartingAtOrBeforeIt() {
        long[] starts = {100, 200, 300};
        assertThat(Intervals.locate(starts, 50)).isZero(); // before the first: the first
        assertThat(Intervals.locate(starts, 100)).isZero();
        assertThat(Intervals.locate(starts, 199)).isZero();
        assertThat(Intervals.locate(starts, 200)).isEqualTo(1);
        assertThat(Intervals.locate(starts, 300)).isEqualTo(2);
        assertThat(Intervals.locate(starts, 10_000)).isEqualTo(2); // after the last start: the last
        assertThat(Intervals.locate(new long[] {7}, 3)).isZero();
    }

    @Test
    void unsentArrivalsAreFilledInPerIntervalAndTheRestIsKept() {
        IntervalStats a = new IntervalStats(0, 100, 10, 1, 100, 1, 2, 3, 4, 2, 100, 0);
        IntervalStats b = new IntervalStats(100, 100, 5, 0, 50, 1, 2, 3, 4, 2, 100, 3);
        List<IntervalStats> out = Intervals.withUnsent(List.of(a, b), new long[] {0, 7}, new long[] {0, 2});
        assertThat(out.get(0)).isSameAs(a);
        assertThat(out.get(1).dropped()).isEqualTo(7);
        assertThat(out.get(1).notStarted()).isEqualTo(2);
        assertThat(out.get(1).late()).isEqualTo(3);
        assertThat(out.get(1).withUnsent(0, 0)).isEqualTo(b);
        assertThat(Intervals.carriesSchedule(List.of(a))).isFalse();
        assertThat(Intervals.carriesSchedule(out)).isTrue();
    }

    @Test
    void errorsByKindAreCopiedInKindOrderWithoutZerosAndBadCountsAreRefused() {
        Map<ErrorKind, Long> kinds = new HashMap<>();
        kinds.put(ErrorKind.UNEXPECTED_STATUS, 2L);
        kinds.put(ErrorKind.CONNECT_REFUSED, 1L);
        kinds.put(ErrorKind.CUT_OFF, 0L);
        IntervalStats i = new IntervalStats(0, 100, 3, 3, 30, 1, 2, 3, 4, 1, 0, 0, 10, 20, 0, 0, 0, 0, 0, kinds);
        kinds.clear();
        assertThat(i.errorsByKind())
                .containsExactly(Map.entry(ErrorKind.CONNECT_REFUSED, 1L), Map.entry(ErrorKind.UNEXPECTED_STATUS, 2L));
        assertThatThrownBy(() -> i.errorsByKind().put(ErrorKind.EXCEPTION, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new IntervalStats(
                        0, 100, 3, 3, 30, 1, 2, 3, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(ErrorKind.EXCEPTION, -1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval errorsByKind needs a kind and a count >= 0 (was EXCEPTION=-1)");
        assertThatThrownBy(() -> new IntervalStats(0, 100, 3, 3, 30, 1, 2, 3, 4, 1, 0, 0, 0, 0, 0, 0, 0, -1, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval dropped and notStarted must be >= 0 (were -1, 0)");
    }

    @Test
    void chartLabelsAreShort() {
        assertThat(HtmlReport.axisNumber(2_500_000)).isEqualTo("2.5M");
        assertThat(HtmlReport.axisNumber(250_000)).isEqualTo("250k");
        assertThat(HtmlReport.axisNumber(7_500)).isEqualTo("7,500");
        assertThat(HtmlReport.axisNumber(0.5)).isEqualTo("0.500");
        assertThat(HtmlReport.seconds(0)).isEqualTo("0");
        assertThat(HtmlReport.seconds(0.25)).isEqualTo("0.25");
        assertThat(HtmlReport.seconds(0.3)).isEqualTo("0.3");
        assertThat(HtmlReport.seconds(1.5)).isEqualTo("1.5");
        assertThat(HtmlReport.seconds(120.4)).isEqualTo("120");
    }
}
