package dev.framepipe.stats;

/**
 * Distribution of a quantity. All zero when {@code count} is zero.
 *
 * @param count number of values
 * @param min   smallest value
 * @param max   largest value
 * @param mean  arithmetic mean
 * @param std   sample standard deviation
 * @param p50   median (within about 2 %)
 * @param p90   90th percentile (within about 2 %)
 * @param p99   99th percentile (within about 2 %)
 */
public record Summary(long count, double min, double max, double mean, double std, double p50, double p90, double p99) {

    static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0, 0, 0);
}
