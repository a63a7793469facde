package dev.framepipe.stats;

/**
 * A fixed log-bucketed histogram of non-negative values with exact count, min, max, mean and
 * standard deviation (Welford 1962) and approximate percentiles.
 *
 * <p>Buckets are 1/16 of an octave wide (about 4.4 %) from 2^-4 to 2^28; a percentile is the
 * geometric centre of its bucket clamped to [min, max], so its relative error is at most about
 * 2.2 %. Not thread-safe: the owner synchronises.
 */
final class LogHistogram {

    private static final int PER_OCTAVE = 16;
    private static final int MIN_EXP = -4;
    private static final int MAX_EXP = 28;
    private static final int BUCKETS = (MAX_EXP - MIN_EXP) * PER_OCTAVE + 1;

    private final long[] buckets = new long[BUCKETS];
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double mean;
    private double m2;

    void add(double value) {
        double v = Math.max(0, value);
        count++;
        double delta = v - mean;
        mean += delta / count;
        m2 += delta * (v - mean);
        min = Math.min(min, v);
        max = Math.max(max, v);
        buckets[bucketOf(v)]++;
    }

    private static int bucketOf(double v) {
        if (v <= Math.scalb(1.0, MIN_EXP)) {
            return 0;
        }
        int index = (int) Math.floor((Math.log(v) / Math.log(2) - MIN_EXP) * PER_OCTAVE) + 1;
        return Math.min(index, BUCKETS - 1);
    }

    private static double centreOf(int bucket) {
        if (bucket == 0) {
            return 0;
        }
        return Math.pow(2, MIN_EXP + (bucket - 0.5) / PER_OCTAVE);
    }

    double percentile(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return Math.min(max, Math.max(min, centreOf(i)));
            }
        }
        return max;
    }

    Summary summary() {
        if (count == 0) {
            return Summary.EMPTY;
        }
        double std = count > 1 ? Math.sqrt(m2 / (count - 1)) : 0;
        return new Summary(count, min, max, mean, std, percentile(0.5), percentile(0.9), percentile(0.99));
    }
}
