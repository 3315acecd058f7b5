package io.backendkit.loadgen.internal;

/**
 * Intended start times of the open model: a constant rate during warm-up, then a rate that moves
 * linearly from {@code rateFrom} to {@code rateTo} over the ramp (the measured duration) and stays
 * at {@code rateTo} afterwards. Arrival {@code i} is due when the integral of the rate reaches
 * {@code i}. Immutable.
 */
public final class ArrivalSchedule {

    private static final double NANOS = 1e9;

    private final double rateFrom;
    private final double rateTo;
    private final double warmUpSeconds;
    private final double rampSeconds;
    private final double slope;
    private final double warmUpArrivals;
    private final double rampArrivals;

    /**
     * @param rateFrom arrivals per second at the start, >= 0
     * @param rateTo arrivals per second at the end of the ramp, >= 0 (not both 0)
     * @param warmUpNanos warm-up length (runs at {@code rateFrom})
     * @param rampNanos ramp length; 0 when the rate is constant
     */
    public ArrivalSchedule(double rateFrom, double rateTo, long warmUpNanos, long rampNanos) {
        this.rateFrom = rateFrom;
        this.rateTo = rampNanos > 0 ? rateTo : rateFrom;
        this.warmUpSeconds = warmUpNanos / NANOS;
        this.rampSeconds = rampNanos / NANOS;
        this.slope = rampNanos > 0 ? (this.rateTo - rateFrom) / rampSeconds : 0;
        this.warmUpArrivals = rateFrom * warmUpSeconds;
        this.rampArrivals = rampNanos > 0 ? rateFrom * rampSeconds + slope * rampSeconds * rampSeconds / 2 : 0;
    }

    /** Nanoseconds after the run start at which arrival {@code i} (0-based) is due. */
    public long offsetNanos(long i) {
        double n = i;
        if (n < warmUpArrivals) {
            return (long) (n / rateFrom * NANOS);
        }
        double m = n - warmUpArrivals;
        double t;
        if (rampSeconds == 0 || Math.abs(slope) < 1e-12) {
            t = rampSeconds > 0 && m > rampArrivals ? rampSeconds + (m - rampArrivals) / rateTo : m / rateFrom;
        } else if (m > rampArrivals) {
            t = rateTo > 0 ? rampSeconds + (m - rampArrivals) / rateTo : Double.POSITIVE_INFINITY;
        } else {
            double disc = rateFrom * rateFrom + 2 * slope * m;
            t = (-rateFrom + Math.sqrt(Math.max(0, disc))) / slope;
        }
        double seconds = warmUpSeconds + t;
        return seconds * NANOS >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE / 2 : (long) (seconds * NANOS);
    }

    /** The intended rate at {@code offsetNanos} after the run start. */
    public double rateAt(long offsetNanos) {
        double s = offsetNanos / NANOS;
        if (s < warmUpSeconds || rampSeconds == 0) {
            return rateFrom;
        }
        double t = Math.min(rampSeconds, s - warmUpSeconds);
        return rateFrom + slope * t;
    }

    /** How many arrivals are due strictly before {@code offsetNanos} after the run start. */
    public long countBefore(long offsetNanos) {
        if (offsetNanos <= 0) {
            return 0;
        }
        long hi = 1;
        while (offsetNanos(hi - 1) < offsetNanos) {
            if (hi > Long.MAX_VALUE / 4) {
                return hi;
            }
            hi *= 2;
        }
        // offsetNanos(lo - 1) < offsetNanos, offsetNanos(hi - 1) >= offsetNanos
        long lo = 0;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (offsetNanos(mid) < offsetNanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
