package dev.framepipe.pipeline;

import dev.framepipe.frame.WorkCheckpoint;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one running large frame at the {@link WorkCheckpoint}s of its decoding, detection, sizing and
 * classification (on the analysis thread; a forked branch is not watched), and abandons it
 * as soon as it can no longer finish by its deadline, instead of spending the rest of its work and answering
 * late. Checking the deadline during the work, not only between stages, and giving up on work that can no longer
 * complete, is the rule against cascading failures in Google's Site Reliability Engineering (B. Beyer et al.,
 * O'Reilly 2016, ch. 22, "Deadlines"); the pace rule below is the same latest-start arithmetic as
 * {@link LatestStartQueue}'s, applied to a frame that has started.
 *
 * <p>At a checkpoint, at most every {@link #EVERY}:
 * <ul>
 *   <li>the deadline has passed: {@link Abandon#overdue() overdue} (504, as the stage boundary after it would
 *       answer, but without the rest of the work);</li>
 *   <li>the work the frame still needs cannot be done by the deadline at the pace its thread has had since the
 *       frame started (its run time over its run time and run-queue time, from {@link SchedStat}), judged once
 *       it has run for {@link #HISTORY}: abandoned as late (503 {@code saturated},
 *       cause {@code late}, with {@code Retry-After}): the processors are too crowded for it, which is what a
 *       503 says.</li>
 * </ul>
 * The work still needed is the forecast processor time ({@link WorkAdmission#forecast}: the likely cost, not the
 * admission's cautious one) less what the frame has used, and at least a quarter of what it has used (a frame past
 * its forecast is taken to be at most four fifths done, since its forecast was wrong), with a {@link #MARGIN} of a
 * tenth.
 *
 * <p>How the rule was chosen: with {@code framepipe.admission.abandon-late=false} the watch judges but never
 * abandons, and at DEBUG it logs each frame's trace ({@link #ended}); {@code scripts/replay-deadline-watch.py}
 * replays candidate rules on such traces. On {@code PackagedOverloadIT}'s floods (206 watched frames, 1 late),
 * the rule of the ninth session (the cautious estimate, at least half the used time still needed, a margin of a
 * quarter, judged after 100 ms) would have abandoned 13.2 % of the frames that went on to finish in time, this
 * rule 5.9 %; both catch the late one. Most frames the old rule gave up were judged at about 100 ms, when the
 * first moments of a flood had given them a tenth of a processor, and the cautious estimate (at the median 1.5
 * times their real cost) made the rest look long. A stop of the whole JVM (a garbage collection's safepoint,
 * 0.3 to 1.1 s when 64 clients crowd the processors) is not predicted by any pace; the frames it makes late are
 * what is left of the 504s.
 *
 * <p>The pace counts only the waits for a processor, as {@link WorkAdmission#stretch} does: a thread stopped by
 * a garbage collection, a page fault or a lock is blocked, not crowded out. The pace is the frame's whole so
 * far, not its last moments: a thread in a crowd of twenty gets a few scheduler slices of about 3 ms in 50 ms,
 * and two first versions that judged by the last 50 ms alone (by processor time over wall time, then by run-queue
 * time) read paces of 1 to 15 % for the same crowd and abandoned frames that would have finished: 10, then 19
 * frames analysed in {@code PackagedOverloadIT}'s PNG flood, against 60 without the watch.
 *
 * <p>Why: a frame admitted in a quiet moment can meet a crowd that arrives after it (the first frames of a flood,
 * with 64 clients starting on the same processors), run at a fifth of a processor, and miss its deadline after
 * all its work was spent; a frame whose content costs far more than its format's estimate (4096x4096 noise
 * priced as a plain raw frame) does the same. Abandoning such a frame as soon as its pace shows it cannot finish
 * gives its processor to the frames that can.
 *
 * <p>Every {@link #REPORT} the watch also reports the stretch its thread met ({@link WorkAdmission#observeStretch}):
 * the mean stretch then follows a crowd that arrives while frames run, so the admission and the start queue price
 * the next frames by it. Measured at frames' ends only, the mean said 1.2 to 2.2 while the frames that missed their
 * deadline ran at stretches of 2.4 to 9.5.
 *
 * <p>One watch per frame, used by the frame's own thread only.
 */
final class DeadlineWatch implements WorkCheckpoint.Watch {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);

    /** How often at most a checkpoint reads the thread's scheduler statistics (about 9 us a read). */
    static final long EVERY = 5_000_000;
    /**
     * The wall time a frame runs before its pace is judged: several dozen scheduler slices. At 100 ms, the paces
     * read at the onset of a flood (a tenth of a processor) were those of its first moments, not of the frame.
     */
    static final long HISTORY = 200_000_000;
    /** A thread that ran less than this (it was blocked) says nothing of the crowd. */
    static final long MIN_RUN = 1_000_000;
    /**
     * The work still needed is taken at this many times its forecast: what runs after the last checkpoint (the
     * statistics, the report) and the forecast's own error need room.
     */
    static final double MARGIN = 1.1;
    /** How often a running frame reports the crowd it meets ({@link WorkAdmission#observeStretch}). */
    static final long REPORT = 50_000_000;

    private final long deadline;
    private final long estimate;
    private final long forecast;
    private final boolean abandons;
    private final LongSupplier clock;
    private final Supplier<SchedStat.Sample> times;
    private final DoubleConsumer crowd;
    private final long start;
    private final long runStart;
    private final long waitStart;
    private long nextCheck;
    private double pace = 1;
    private long reportStart;
    private SchedStat.Sample reportTimes;
    /** Each sample the watch judged, when its trace is logged (DEBUG): wall, run and run-queue time, in us. */
    private final @Nullable StringBuilder trace;

    private @Nullable Abandon thrown;

    /**
     * @param deadline    the frame's deadline, in {@code clock} terms
     * @param estimate    the admission's cautious estimate of the frame's processor time (for the trace only)
     * @param forecast    the processor time the frame is forecast to take, in nanoseconds ({@link WorkAdmission#forecast})
     * @param abandons    whether a frame that can no longer finish is abandoned; if not, the watch only judges
     * @param clock       wall time in nanoseconds ({@link System#nanoTime()})
     * @param times       the frame thread's run time and run-queue time so far ({@link SchedStat#now()})
     * @param crowd       takes the stretch ({@code 1 + run-queue wait / run time}) of each {@link #REPORT}
     */
    DeadlineWatch(
            long deadline,
            long estimate,
            long forecast,
            boolean abandons,
            LongSupplier clock,
            Supplier<SchedStat.Sample> times,
            DoubleConsumer crowd) {
        this.deadline = deadline;
        this.estimate = estimate;
        this.forecast = forecast;
        this.abandons = abandons;
        this.trace = log.isDebugEnabled() ? new StringBuilder() : null;
        this.clock = clock;
        this.times = times;
        this.crowd = crowd;
        this.start = clock.getAsLong();
        SchedStat.Sample first = times.get();
        this.reportStart = start;
        this.reportTimes = first;
        this.runStart = first.runNanos();
        this.waitStart = first.waitNanos();
        this.nextCheck = start + EVERY;
    }

    /**
     * A watch of the frame on this thread, starting now. Where the kernel gives no scheduler statistics, all the
     * wall time the thread did not run counts as waiting for a processor.
     */
    static DeadlineWatch startingNow(
            long deadline, long estimate, long forecast, boolean abandons, DoubleConsumer crowd) {
        Supplier<SchedStat.Sample> times = SchedStat.now() != null
                ? SchedStat::now
                : () -> {
                    long cpu = ThreadCpu.now();
                    return new SchedStat.Sample(cpu, System.nanoTime() - cpu);
                };
        return new DeadlineWatch(deadline, estimate, forecast, abandons, System::nanoTime, times, crowd);
    }

    @Override
    public void check() {
        long now = clock.getAsLong();
        if (now - nextCheck < 0) {
            return;
        }
        nextCheck = now + EVERY;
        SchedStat.Sample sample = times.get();
        long used = sample.runNanos() - runStart;
        if (trace != null) {
            trace.append((now - start) / 1_000)
                    .append(',')
                    .append(used / 1_000)
                    .append(',')
                    .append((sample.waitNanos() - waitStart) / 1_000)
                    .append(';');
        }
        if (now - deadline >= 0) {
            throw thrown = new Abandon(true, used, pace, "the deadline passed");
        }
        if (now - reportStart >= REPORT) {
            long ran = sample.runNanos() - reportTimes.runNanos();
            if (ran >= MIN_RUN) {
                crowd.accept(1 + (double) Math.max(0, sample.waitNanos() - reportTimes.waitNanos()) / ran);
            }
            reportStart = now;
            reportTimes = sample;
        }
        if (now - start >= HISTORY && used >= MIN_RUN) {
            pace = (double) used / (used + Math.max(0, sample.waitNanos() - waitStart));
        }
        long needed = Math.max(forecast - used, used / 4);
        if (abandons && MARGIN * needed > pace * (deadline - now)) {
            throw thrown = new Abandon(
                    false,
                    used,
                    pace,
                    String.format(
                            Locale.ROOT,
                            "the frame can no longer finish within its deadline on processors this busy: it still"
                                    + " needs about %.2f s of CPU, has had %.0f %% of a processor, and %.2f s are left",
                            needed / 1e9,
                            pace * 100,
                            (deadline - now) / 1e9));
        }
    }

    /**
     * Logs the frame's trace at DEBUG when it has ended, for {@code scripts/replay-deadline-watch.py}: its
     * outcome ({@code ok}: answered; {@code overdue} or {@code abandoned} by this watch; {@code failed} otherwise),
     * its estimate and forecast, how long it took and how much time was left, what it used and waited, and each
     * sample the watch judged (wall time since the start, run time, run-queue time; all in microseconds).
     *
     * @param answered whether the frame's analysis returned a result
     */
    void ended(boolean answered) {
        if (trace == null) {
            return;
        }
        long now = clock.getAsLong();
        SchedStat.Sample sample = times.get();
        String outcome = answered ? "ok" : thrown == null ? "failed" : thrown.overdue ? "overdue" : "abandoned";
        log.debug(
                "Watched frame: outcome={} expected={}us forecast={}us took={}us left={}us used={}us waited={}us"
                        + " samples={}",
                outcome,
                estimate / 1_000,
                forecast / 1_000,
                (now - start) / 1_000,
                (deadline - now) / 1_000,
                (sample.runNanos() - runStart) / 1_000,
                (sample.waitNanos() - waitStart) / 1_000,
                trace);
    }

    /** Why a watched frame was abandoned, with what it had used; passes through the stages to the pipeline. */
    static final class Abandon extends WorkCheckpoint.Abandoned {

        private final boolean overdue;
        private final long usedCpu;
        private final double pace;

        Abandon(boolean overdue, long usedCpu, double pace, String message) {
            super(message);
            this.overdue = overdue;
            this.usedCpu = usedCpu;
            this.pace = pace;
        }

        /** Whether the deadline had passed (504); otherwise the frame could no longer finish by it (503). */
        boolean overdue() {
            return overdue;
        }

        /** The processor time the frame's thread had used, in nanoseconds. */
        long usedCpu() {
            return usedCpu;
        }

        /** The share of a processor the frame's thread was getting. */
        double pace() {
            return pace;
        }
    }
}
