package dev.framepipe.pipeline;

import dev.framepipe.frame.FrameFormat;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a frame only when the analysis work already in flight, plus its own, can be finished by
 * the processors within a target share of the deadline: a cost-aware admission rule.
 *
 * <p>A frame's expected cost is {@code (pixels + OVERHEAD_PIXELS) x nanosPerPixel} of processor
 * time, with one {@code nanosPerPixel} per format (decoding a PNG costs ten times what a raw frame
 * does); each is an exponentially weighted mean of the processor time admitted frames really took (the
 * CPU time of the threads that ran them, measured by {@link FramePipeline}), so it follows the JIT and
 * the content. Wall time would not do: it counts waits for the processors that other frames caused, and
 * scaling it by the frames in flight counts frames still waiting for room. It rises fast (half-way to a
 * frame that took longer than expected) and falls slowly, so the first overruns correct it. The backlog is the sum of the
 * expected costs of the frames in flight; a frame is admitted when its own cost fits
 * {@code FRAME_SHARE x deadline} (decoding runs on one thread, so a frame cannot go faster than that) and
 * {@code (backlog + cost) / processors <= target x deadline}. A format whose estimate says no frame can
 * finish would never be measured again, so when nothing is in flight and none of that format was
 * admitted for {@code PROBE_DEADLINES} deadlines, one frame is admitted to measure it anew. With processor sharing every frame in
 * flight then finishes within about that time after the last admission, so what is admitted can meet
 * its deadline and what cannot is refused before any work is spent on it. When that model is wrong (other
 * processes take the processors, a frame's objects cost more than its pixels say), frames miss their
 * deadline after their decoding and detection were spent: each miss halves the share of the capacity open
 * to new frames, and each frame finished in time opens a little of it again ({@link Ticket#missedDeadline}).
 * A frame that missed its deadline also raises the estimate at once to the processor time it had used (a
 * frame whose content costs more than its pixels say, such as noise, is priced by it), but never lowers
 * it; a hung stage uses no processor time and teaches nothing.
 *
 * <p>The backlog says how much work is in flight, not how many threads a frame will share the processors with:
 * a large frame admitted into a crowd of small ones gets no more of a processor than each of them. So a frame
 * is also refused when its cost times the {@link #stretch} the frames meet now exceeds {@code FRAME_SHARE x
 * deadline}.
 *
 * <p>Why not an adaptive limit on the number of frames (Netflix's concurrency-limits, Vegas or
 * Gradient): those learn one concurrency from observed latency and assume requests of similar
 * cost. Frames here differ a thousandfold (640x480 raw against 4096x4096 PNG), so a count that suits
 * small frames admits large ones that miss the deadline, and a count that suits large ones refuses
 * most small ones; the pixel count known from the header predicts the cost directly.
 *
 * <p>Thread-safe. One monitor orders the changes (admitting, holding, finishing); the questions asked of
 * every request ({@link #hasRoom}, {@link #canFinish}, the estimates and the stretch) read published values
 * without it, and a frame's thread measures the stretch without it. Why: the request threads run at nice 19
 * and the frames' threads at nice 0 ({@link AnalysisThreads}). A request thread preempted while it held the
 * monitor kept it until the scheduler gave it a processor again, which with weight 15 against 1024 took
 * hundreds of milliseconds while refusals crowded the processors; a frame's thread that needed it (to report
 * its stretch at a checkpoint, or to be abandoned) waited up to 1.5 s (Java Flight Recorder's monitor-enter
 * events, in a retry storm of 64 clients), and frames missed their deadline having used a few tens of
 * milliseconds of processor time: a priority inversion. A request thread now takes the monitor only to admit,
 * hold or finish a frame.
 */
public final class WorkAdmission {

    private static final Logger log = LoggerFactory.getLogger(WorkAdmission.class);

    /** Fixed per-frame work (parsing, report, aggregation) expressed in pixels. */
    static final long OVERHEAD_PIXELS = 20_000;
    /** Share of the deadline one frame's own expected cost may take. */
    static final double FRAME_SHARE = 0.8;
    /** Deadlines after which a format refused as too slow is measured again with one frame. */
    static final int PROBE_DEADLINES = 5;
    /** Weight of a measurement above the mean cost per pixel, and of one below it. */
    private static final double RISE = 0.5;

    private static final double FALL = 0.1;
    /** Weight of a measurement in the {@link #forecast}, above or below it alike. */
    static final double FORECAST_WEIGHT = 0.25;
    /** The least share of the capacity a run of missed deadlines leaves open. */
    static final double MIN_CAPACITY_SHARE = 1.0 / 16;
    /** Share of the capacity each frame finished in time gives back after missed deadlines. */
    static final double CAPACITY_RECOVERY = 1.0 / 8;
    /** Weight of one frame's stretch in the mean stretch. */
    static final double STRETCH_WEIGHT = 1.0 / 8;

    private final long capacityNanos;
    private final long frameLimitNanos;
    private final long probeNanos;
    /** Time constant with which the mean stretch returns to 1 when no frame measures it. */
    private final double stretchDecayNanos;

    private final Map<FrameFormat, Long> lastAdmitted = new ConcurrentHashMap<>();
    private final double initialNanosPerPixel;
    /** The estimates by format: written under the monitor, read without it. */
    private final Map<FrameFormat, Double> nanosPerPixel = new ConcurrentHashMap<>();

    private final Map<FrameFormat, Double> forecastNanosPerPixel = new ConcurrentHashMap<>();
    // Written under the monitor, read without it by hasRoom and canFinish.
    private volatile long backlogNanos;
    private volatile int inFlight;
    /** Share of {@code capacityNanos} open now: halved by a missed deadline, regained by frames in time. */
    private volatile double capacityShare = 1.0;

    private final Set<Hold> holds = new HashSet<>();
    /** The work of {@link #holds}, expired ones included until the next {@link #pruneHolds}. */
    private volatile long heldNanos;
    /** When the first of {@link #holds} expires; meaningful only while there are holds. */
    private volatile long firstHoldExpires;
    /** How many times the capacity was halved; a frame admitted before the last halving cannot halve it again. */
    private long decreases;
    /** Mean stretch of the frames, as last measured, and when. */
    private final AtomicReference<Stretch> stretch = new AtomicReference<>(new Stretch(1, System.nanoTime()));

    private record Stretch(double mean, long at) {}

    /**
     * @param processors    processors that run frames
     * @param deadline      the frame deadline
     * @param target        share of the deadline the backlog may fill, (0, 1]
     * @param nanosPerPixel CPU time per pixel assumed before the first measurement
     */
    public WorkAdmission(int processors, Duration deadline, double target, double nanosPerPixel) {
        this.capacityNanos = (long) (processors * deadline.toNanos() * target);
        this.frameLimitNanos = (long) (deadline.toNanos() * FRAME_SHARE);
        this.probeNanos = deadline.toNanos() * PROBE_DEADLINES;
        this.stretchDecayNanos = deadline.toNanos() / 2.0;
        this.initialNanosPerPixel = nanosPerPixel;
    }

    /** Work in flight: the sum of the admitted frames' expected CPU time. */
    public Duration backlog() {
        return Duration.ofNanos(backlogNanos);
    }

    /** Work held for frames whose bodies are being received ({@link #hold}). */
    public synchronized Duration held() {
        pruneHolds();
        return Duration.ofNanos(heldNanos);
    }

    /** The work the processors may have in flight, in CPU time. */
    public Duration capacity() {
        return Duration.ofNanos(capacityNanos);
    }

    /** The current estimate of processor nanoseconds per pixel for a format. */
    public double nanosPerPixel(FrameFormat format) {
        return nanosPerPixel.getOrDefault(format, initialNanosPerPixel);
    }

    /**
     * The processor time a frame of this format and size is forecast to take, in nanoseconds: the mean of what
     * such frames took, weighing measurements above and below it alike ({@value #FORECAST_WEIGHT} each), where the
     * admission's own estimate ({@link #nanosPerPixel}) rises fast and falls slowly and so stays above most
     * frames' cost. Admission wants the cautious figure (a frame priced low is let into a crowd it cannot finish
     * in); a running frame's {@link DeadlineWatch} wants the likely one, since abandoning a frame that would have
     * finished throws its work away. In {@code PackagedOverloadIT}'s floods, traced with the watch only judging
     * ({@code scripts/replay-deadline-watch.py}), the frames answered in time used a median 0.67 of the cautious
     * estimate and 0.89 of the forecast, and judging them by the estimate would have abandoned 13.2 % of them.
     */
    public long forecast(FrameFormat format, long pixels) {
        double perPixel = forecastNanosPerPixel.getOrDefault(format, nanosPerPixel(format));
        return (long) ((pixels + OVERHEAD_PIXELS) * perPixel);
    }

    /** The current estimates by format (formats not yet measured are absent). */
    public Map<FrameFormat, Double> estimates() {
        return Map.copyOf(nanosPerPixel);
    }

    /** Whether the backlog (with the work held for bodies being received) leaves room for the smallest frame now. */
    public boolean hasRoom() {
        if (heldNanos != 0 && System.nanoTime() - firstHoldExpires > 0) {
            synchronized (this) {
                pruneHolds();
            }
        }
        long held = heldNanos;
        return (inFlight == 0 && held == 0) || backlogNanos + held < openCapacity();
    }

    /**
     * How many times its processor time a frame takes in wall time now, counting only the waits for a
     * processor: 1 when a frame has a processor to itself, n when it shares one with n - 1 other runnable
     * threads (frames, refusals, the compiler, other processes). The mean of the frames' own measures
     * ({@code 1 + run-queue wait / run time} of the thread that ran each, {@link SchedStat}; each weighs
     * {@value #STRETCH_WEIGHT}), returning to 1 with a time constant of half a deadline while no frame measures
     * it, so that a crowd that has left does not refuse the next frame. It is the delay signal of Netflix's Vegas
     * and Gradient limiters (latency against its no-load value), measured per unit of processor time so that
     * frames of any size measure the same, and without the waits that are not for a processor (a stage blocked
     * on a lock or a hung stage would otherwise read as a crowd).
     */
    public double stretch() {
        return decayed(stretch.get(), System.nanoTime());
    }

    private double decayed(Stretch last, long now) {
        return 1 + (last.mean() - 1) * Math.exp(-(now - last.at()) / stretchDecayNanos);
    }

    /**
     * Adds one measure of the {@link #stretch}, taken by a frame at its end or by a running frame over its last
     * moments ({@link DeadlineWatch}), so that the mean follows a crowd that arrives while frames run, not only
     * once they have ended.
     *
     * @param measured {@code 1 + run-queue wait / run time} of a frame's thread; below 1 (not measured) is ignored
     */
    public void observeStretch(double measured) {
        if (measured >= 1) {
            stretch.updateAndGet(last -> {
                long now = System.nanoTime();
                double current = decayed(last, now);
                return new Stretch(current + STRETCH_WEIGHT * (measured - current), now);
            });
        }
    }

    /** Share of the capacity open now (1 until a deadline is missed). */
    public double capacityShare() {
        return capacityShare;
    }

    private double openCapacity() {
        return capacityNanos * capacityShare;
    }

    /**
     * Holds room for a frame whose header has arrived and whose body is still being received, so that the
     * bodies received at the same time are not all admitted by the same free room and then refused after
     * being read. The hold counts against the capacity like admitted work until it is closed (just before
     * the frame is admitted with its body) or {@code ttl} passes, so a slow upload cannot keep the room.
     *
     * @return the hold, or {@code null} when a frame of this size would not be admitted now
     */
    public synchronized Hold hold(FrameFormat format, long pixels, Duration ttl) {
        long cost = cost(format, pixels);
        if (!finishesInTime(format, cost) || !fits(cost)) {
            return null;
        }
        Hold hold = new Hold(cost, System.nanoTime() + ttl.toNanos());
        holds.add(hold);
        publishHolds();
        return hold;
    }

    /** Drops the holds past their time; under the monitor. */
    private void pruneHolds() {
        long now = System.nanoTime();
        boolean pruned = false;
        for (Iterator<Hold> i = holds.iterator(); i.hasNext(); ) {
            if (now - i.next().expires > 0) {
                i.remove();
                pruned = true;
            }
        }
        if (pruned) {
            publishHolds();
        }
    }

    /** Publishes the work the holds keep and when the first expires; under the monitor. */
    private void publishHolds() {
        long held = 0;
        long first = 0;
        boolean any = false;
        for (Hold hold : holds) {
            held += hold.cost;
            if (!any || hold.expires - first < 0) {
                first = hold.expires;
                any = true;
            }
        }
        firstHoldExpires = first;
        heldNanos = held;
    }

    /** Admits a frame if it fits now; {@code null} if not. */
    public Ticket tryAdmit(FrameFormat format, long pixels) {
        return admit(format, pixels, Duration.ZERO);
    }

    /**
     * Whether a frame of this format and size could be admitted with the current estimate and stretch, work in
     * flight aside.
     */
    public boolean canFinish(FrameFormat format, long pixels) {
        return finishesInTime(format, cost(format, pixels));
    }

    /**
     * Whether a frame of this cost can finish in {@code FRAME_SHARE} of the deadline: by its processor time
     * alone (or it is a probe), and at the {@link #stretch} frames get now. A frame admitted into a crowd of
     * small frames gets no more of a processor than each of them does, even at a moment when none of them is in
     * flight; once the crowd has gone, the stretch returns to 1 within a few deadlines.
     */
    private boolean finishesInTime(FrameFormat format, long cost) {
        if (cost > frameLimitNanos) {
            return probe(format);
        }
        return cost * stretch() <= frameLimitNanos;
    }

    private boolean probe(FrameFormat format) {
        Long last = lastAdmitted.get(format);
        return inFlight == 0 && (last == null || System.nanoTime() - last > probeNanos);
    }

    /**
     * Admits a frame, waiting at most {@code maxWait} for the backlog to shrink.
     *
     * @return the ticket, or {@code null} when there was no room in time (or the thread was interrupted), or
     *         the frame alone cannot finish in time ({@link #canFinish})
     */
    public Ticket admit(FrameFormat format, long pixels, Duration maxWait) {
        long until = System.nanoTime() + maxWait.toNanos();
        synchronized (this) {
            long cost = cost(format, pixels);
            if (!finishesInTime(format, cost)) {
                return null;
            }
            while (!fits(cost)) {
                if (!MonitorWait.until(this, until)) {
                    return null;
                }
                cost = cost(format, pixels);
                if (!finishesInTime(format, cost)) {
                    return null;
                }
            }
            long now = System.nanoTime();
            lastAdmitted.put(format, now);
            Ticket ticket =
                    new Ticket(format, pixels, cost, forecast(format, pixels), decreases, now, backlogNanos, inFlight);
            backlogNanos += cost;
            inFlight++;
            return ticket;
        }
    }

    private long cost(FrameFormat format, long pixels) {
        return (long) ((pixels + OVERHEAD_PIXELS) * nanosPerPixel(format));
    }

    private boolean fits(long cost) {
        pruneHolds();
        long held = heldNanos;
        return (inFlight == 0 && held == 0) || backlogNanos + held + cost <= openCapacity();
    }

    private synchronized void finish(Ticket ticket, long cpuNanos, double measuredStretch, boolean missedDeadline) {
        backlogNanos -= ticket.cost;
        inFlight--;
        observeStretch(measuredStretch);
        if (missedDeadline) {
            if (ticket.decreasesAtAdmission == decreases) {
                // Once per window, as TCP does: the frames admitted with this one were admitted into the same
                // overload, and their misses are the same signal, not new ones.
                capacityShare = Math.max(MIN_CAPACITY_SHARE, capacityShare / 2);
                decreases++;
            }
        } else if (cpuNanos > 0) {
            capacityShare = Math.min(1.0, capacityShare + CAPACITY_RECOVERY);
        }
        if (cpuNanos > 0 && ticket.pixels >= OVERHEAD_PIXELS) {
            // A frame smaller than the fixed overhead measures the overhead, not the cost of a pixel: a 1x1
            // TIFF's reader set-up spread over 20 001 pixels would price a 4096x4096 TIFF at seconds.
            double measured = (double) cpuNanos / (ticket.pixels + OVERHEAD_PIXELS);
            double mean = nanosPerPixel(ticket.format);
            double forecast = forecastNanosPerPixel.getOrDefault(ticket.format, mean);
            if (missedDeadline) {
                // A late frame's time is a lower bound of its cost, and the deadline already showed it was too
                // cheap: the estimate rises to it at once (noise would otherwise be admitted at half its cost
                // and miss again), and never falls because of it; the forecast likewise.
                nanosPerPixel.put(ticket.format, Math.max(mean, measured));
                forecastNanosPerPixel.put(ticket.format, Math.max(forecast, measured));
            } else {
                nanosPerPixel.put(ticket.format, mean + (measured > mean ? RISE : FALL) * (measured - mean));
                forecastNanosPerPixel.put(ticket.format, forecast + FORECAST_WEIGHT * (measured - forecast));
            }
        }
        notifyAll();
    }

    /** One admitted frame's place in the backlog, held until {@link #finish}; finishing twice counts once. */
    public final class Ticket {

        private final FrameFormat format;
        private final long pixels;
        private final long cost;
        private final long forecast;
        private final long decreasesAtAdmission;
        private final long admittedAt;
        private final long backlogAtAdmission;
        private final int inFlightAtAdmission;
        private boolean finished;

        private Ticket(
                FrameFormat format,
                long pixels,
                long cost,
                long forecast,
                long decreasesAtAdmission,
                long admittedAt,
                long backlogAtAdmission,
                int inFlightAtAdmission) {
            this.format = format;
            this.pixels = pixels;
            this.cost = cost;
            this.forecast = forecast;
            this.decreasesAtAdmission = decreasesAtAdmission;
            this.admittedAt = admittedAt;
            this.backlogAtAdmission = backlogAtAdmission;
            this.inFlightAtAdmission = inFlightAtAdmission;
        }

        /** The processor time this frame was expected to take, in nanoseconds (the cautious estimate). */
        public long expected() {
            return cost;
        }

        /** The processor time this frame was forecast to take at admission, in nanoseconds ({@link #forecast}). */
        public long forecast() {
            return forecast;
        }

        /**
         * Leaves the backlog.
         *
         * @param cpuNanos processor time the frame took, or 0 when it ended early (failed, refused) and says
         *                 nothing about the cost of a frame
         */
        public void finish(long cpuNanos) {
            finish(cpuNanos, 0, false);
        }

        /**
         * Leaves the backlog, with how crowded the processors were for the frame (its {@link #stretch}, 0 when not
         * measured).
         */
        public void finish(long cpuNanos, double stretch) {
            finish(cpuNanos, stretch, false);
        }

        /**
         * Leaves the backlog after missing the deadline, with how crowded the processors were for the frame (its
         * {@link #stretch}, 0 when not measured). That is a loss signal: it halves the share of the
         * capacity open to new frames (down to {@value #MIN_CAPACITY_SHARE}), once for all the frames admitted
         * before the halving (they met the same overload); each frame that then finishes in
         * time opens {@value #CAPACITY_RECOVERY} of it again (additive increase, multiplicative decrease, as
         * TCP's congestion control and the loss-based limiters of Netflix's concurrency-limits do). The
         * processor time the frame used until then may raise the cost estimate, never lower it: a hung stage
         * is a fault, uses no processor time, and teaches nothing.
         *
         * @param cpuNanos processor time the frame used until it was abandoned
         * @param stretch  how crowded the processors were for it, 0 when not measured
         */
        public void missedDeadline(long cpuNanos, double stretch) {
            finish(cpuNanos, stretch, true);
        }

        /**
         * Leaves the backlog without having run: the frame waited for a processor past its latest start
         * ({@link LatestStartQueue}). That is the same loss signal as a missed deadline (the admission let in
         * more than could start in time), caught before the frame's work was spent; it teaches the cost nothing.
         */
        public void shed() {
            if (markFinished()) {
                WorkAdmission.this.finish(this, 0, 0, true);
                log.debug(
                        "A {} frame of {} pixels was shed before it started; capacity share now {}",
                        format,
                        pixels,
                        capacityShare());
            }
        }

        /**
         * Records that the frame was abandoned while running, when it could no longer finish by its deadline
         * ({@link DeadlineWatch}): a loss signal, as a missed deadline is; what it used is a lower bound of its
         * cost, so the estimate rises to it when it is higher, as after a missed deadline.
         *
         * @param cpuNanos the processor time it had used
         * @param pace     the share of a processor its thread was getting
         */
        public void abandon(long cpuNanos, double pace) {
            if (markFinished()) {
                WorkAdmission.this.finish(this, cpuNanos, 0, true);
                log.info(
                        "A {} frame of {} pixels was abandoned {} ms after admission: expected {} ms of CPU, used {} ms"
                                + " at {} % of a processor; admitted behind {} frames expecting {} ms; capacity share"
                                + " now {}, mean stretch {}",
                        format,
                        pixels,
                        (System.nanoTime() - admittedAt) / 1_000_000,
                        cost / 1_000_000,
                        cpuNanos / 1_000_000,
                        Math.round(pace * 100),
                        inFlightAtAdmission,
                        backlogAtAdmission / 1_000_000,
                        capacityShare(),
                        String.format(Locale.ROOT, "%.1f", stretch()));
            }
        }

        private synchronized boolean markFinished() {
            boolean first = !finished;
            finished = true;
            return first;
        }

        private void finish(long cpuNanos, double stretch, boolean missedDeadline) {
            if (!markFinished()) {
                return;
            }
            WorkAdmission.this.finish(this, cpuNanos, stretch, missedDeadline);
            if (missedDeadline) {
                // Logged after the monitor is released: a burst of late frames must not hold up admission.
                log.info(
                        "A {} frame of {} pixels missed its deadline {} ms after admission: expected {} ms of CPU, "
                                + "used {} ms at stretch {}; admitted behind {} frames expecting {} ms; capacity share now {},"
                                + " mean stretch {}",
                        format,
                        pixels,
                        (System.nanoTime() - admittedAt) / 1_000_000,
                        cost / 1_000_000,
                        cpuNanos / 1_000_000,
                        String.format(Locale.ROOT, "%.1f", stretch),
                        inFlightAtAdmission,
                        backlogAtAdmission / 1_000_000,
                        capacityShare(),
                        String.format(Locale.ROOT, "%.1f", stretch()));
            }
        }
    }

    /** Room held for a frame whose body is being received; closing it (idempotent) gives the room back. */
    public final class Hold implements AutoCloseable {

        private final long cost;
        private final long expires;

        private Hold(long cost, long expires) {
            this.cost = cost;
            this.expires = expires;
        }

        @Override
        public void close() {
            synchronized (WorkAdmission.this) {
                if (holds.remove(this)) {
                    publishHolds();
                    WorkAdmission.this.notifyAll();
                }
            }
        }
    }
}
