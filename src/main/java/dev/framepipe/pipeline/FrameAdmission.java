package dev.framepipe.pipeline;

import dev.framepipe.frame.FrameHeader;
import dev.framepipe.frame.FrameTooLarge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a frame may be analysed now, by three bounds: frames in flight
 * ({@code max-in-flight}), memory ({@link MemoryBudget}: the body, then the decode working set and
 * the detector's scratch) and work ({@link WorkAdmission}). A frame refused by any of them gets
 * {@link PipelineSaturated} (503 with {@code Retry-After}) before any of its pixels is allocated;
 * one whose own memory exceeds the whole budget gets {@link FrameTooLarge} (413). Every refusal is
 * counted by cause in {@code framepipe.admission.refused}; the budget and the reserved bytes are the
 * gauges {@code framepipe.memory.budget} and {@code framepipe.memory.reserved}.
 *
 * <p>An admitted frame then starts on a processor ({@link Admitted#start}): a large one waits in a
 * {@link LatestStartQueue} and is shed (503, cause {@code queue}) when none is free by its latest start.
 *
 * <p>Thread-safe. Whatever is taken is given back by {@link Admitted#close()} or, for a body, by
 * closing its {@link MemoryBudget.Reservation}.
 */
public final class FrameAdmission {

    /** Why a frame was refused; the {@code cause} tag. */
    public enum Cause {
        IN_FLIGHT,
        MEMORY,
        WORK,
        /** Admitted, but no processor was free before its latest start ({@link LatestStartQueue}). */
        QUEUE,
        /** Started, but abandoned at a checkpoint when it could no longer finish by its deadline ({@link DeadlineWatch}). */
        LATE,
        /** The frame alone needs more than the whole memory budget (413, not 503). */
        OVER_BUDGET;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One small frame in so many measures the stretch ({@link WorkAdmission#stretch}). */
    static final int SMALL_FRAME_SAMPLING = 4;

    private final int maxInFlight;
    private final Semaphore inFlight;
    private final MemoryBudget memory;
    private final MemoryBudget bodies;
    private final Duration maxWait;
    private final boolean abandonLate;
    private final Duration holdTime;
    private final WorkAdmission work;
    private final LatestStartQueue queue;
    private final LongUnaryOperator detectionBytes;
    private final Map<Cause, Counter> refused = new EnumMap<>(Cause.class);

    /**
     * @param pipeline       {@code max-in-flight} and the deadline
     * @param admission      the memory budget and the work target
     * @param detectionBytes the detector's working set for a frame of so many pixels, in bytes
     * @param processors     processors that analyse frames
     * @param maxHeap        the JVM's maximum heap, from which the default budget is derived
     * @param registry       where the meters go
     */
    public FrameAdmission(
            PipelineProperties pipeline,
            AdmissionProperties admission,
            LongUnaryOperator detectionBytes,
            int processors,
            long maxHeap,
            MeterRegistry registry) {
        this.maxInFlight = pipeline.maxInFlight();
        this.inFlight = new Semaphore(maxInFlight);
        long budget = admission.effectiveMemoryBudget(maxHeap);
        long bodyBytes = Math.max(1, (long) (budget * admission.bodyShare()));
        this.bodies = new MemoryBudget(bodyBytes);
        this.memory = new MemoryBudget(Math.max(1, budget - bodyBytes));
        this.maxWait = admission.maxWait();
        this.abandonLate = admission.abandonLate();
        this.holdTime = pipeline.deadline();
        this.work =
                new WorkAdmission(processors, pipeline.deadline(), admission.workTarget(), admission.nanosPerPixel());
        this.queue = new LatestStartQueue(processors, pipeline.deadline());
        this.detectionBytes = detectionBytes;
        for (Cause cause : Cause.values()) {
            refused.put(
                    cause,
                    Counter.builder("framepipe.admission.refused")
                            .tag("cause", cause.tag())
                            .description(
                                    "Frames refused before analysis, by the bound that refused them (over-budget: 413,"
                                            + " the others: 503)")
                            .register(registry));
        }
        for (var pool : Map.of("bodies", bodies, "working", memory).entrySet()) {
            Gauge.builder("framepipe.memory.budget", pool.getValue(), MemoryBudget::limit)
                    .baseUnit("bytes")
                    .tag("pool", pool.getKey())
                    .description("Heap bytes frames may reserve at once: bodies being received, or the working sets"
                            + " of decoding and detection")
                    .register(registry);
            Gauge.builder("framepipe.memory.reserved", pool.getValue(), MemoryBudget::reserved)
                    .baseUnit("bytes")
                    .tag("pool", pool.getKey())
                    .description("Heap bytes reserved now")
                    .register(registry);
        }
        Gauge.builder("framepipe.inflight", inFlight, s -> maxInFlight - s.availablePermits())
                .description("Frames being analysed now")
                .register(registry);
        Gauge.builder("framepipe.admission.backlog", work, w -> w.backlog().toNanos() / 1e9)
                .baseUnit("seconds")
                .description("Expected CPU time of the frames being analysed now")
                .register(registry);
        Gauge.builder("framepipe.admission.stretch", work, WorkAdmission::stretch)
                .description("Wall time over CPU time of the frames now, counting their waits for a processor"
                        + " (1: a processor each); large frames that could not finish at this stretch are refused")
                .register(registry);
        Gauge.builder("framepipe.admission.waiting", queue, LatestStartQueue::waiting)
                .description("Large frames admitted and waiting for a processor to start on")
                .register(registry);
    }

    /** The memory budget of decoding and detection (the working pool). */
    public MemoryBudget memory() {
        return memory;
    }

    /** The memory budget of bodies being received (the bodies pool). */
    public MemoryBudget bodies() {
        return bodies;
    }

    /** How long a frame with its body may wait for room, as configured. */
    public Duration maxWait() {
        return maxWait;
    }

    /** Bytes reserved now in both pools. */
    public long reserved() {
        return bodies.reserved() + memory.reserved();
    }

    /** The work admission. */
    public WorkAdmission work() {
        return work;
    }

    /** Frames being analysed now. */
    public int inFlight() {
        return maxInFlight - inFlight.availablePermits();
    }

    /**
     * Refuses now, without taking anything, a frame that could not be admitted whatever its content:
     * every in-flight place taken, no memory for its body, or no room for even the smallest work.
     *
     * @param bodyBytes the declared body length, or -1 when unknown
     * @throws PipelineSaturated when a bound has no room
     * @throws FrameTooLarge     when the body alone exceeds the memory budget
     */
    public void check(long bodyBytes) {
        if (inFlight.availablePermits() == 0) {
            throw refuse(Cause.IN_FLIGHT, "more than " + maxInFlight + " frames are in flight");
        }
        if (bodyBytes > bodies.limit()) {
            refused.get(Cause.OVER_BUDGET).increment();
            throw new FrameTooLarge("the body is " + bodyBytes + " bytes; bodies may hold " + bodies.limit()
                    + " bytes (framepipe.admission.memory-budget x body-share)");
        }
        if (!bodies.hasRoom(Math.max(0, bodyBytes))) {
            throw bodiesFull(Math.max(0, bodyBytes));
        }
        if (!work.hasRoom()) {
            throw workFull();
        }
    }

    /**
     * Refuses now a frame that its header says could not be admitted now, and otherwise holds room in the work
     * in flight for it while the rest of its body is received ({@link WorkAdmission#hold}, for at most a
     * deadline): for refusing a frame from the first bytes of its body, before the rest is read. A frame that
     * passes may still be refused by {@link #admit}; close the hold before admitting it.
     *
     * @throws PipelineSaturated when the memory or the work in flight has no room for this frame now
     * @throws FrameTooLarge     when the frame alone needs more memory than the budget
     */
    public WorkAdmission.Hold hold(FrameHeader header) {
        long pixels = pixels(header);
        long bytes = workingSet(header);
        if (memory.isLarge(bytes) && !memory.hasRoom(bytes)) {
            // A small frame reads its body and waits for memory at admission; a large one is refused unread.
            throw memoryFull(bytes);
        }
        if (!work.canFinish(header.format(), pixels)) {
            throw cannotFinish(header, pixels);
        }
        WorkAdmission.Hold hold = work.hold(header.format(), pixels, holdTime);
        if (hold == null) {
            throw workFull();
        }
        return hold;
    }

    /** Pixels of a frame for the work estimate: the header's, or the encoded bytes when it declares none. */
    private static long pixels(FrameHeader header) {
        return header.known() ? header.pixels() : header.encodedBytes();
    }

    /** Bytes of memory to decode and detect a frame; refuses (413) a frame that alone exceeds the budget. */
    private long workingSet(FrameHeader header) {
        long bytes = header.decodeWorkingSet() + detectionBytes.applyAsLong(pixels(header));
        if (bytes > memory.limit()) {
            refused.get(Cause.OVER_BUDGET).increment();
            throw new FrameTooLarge("the " + (header.known() ? header.width() + "x" + header.height() + " " : "")
                    + "frame needs " + bytes + " bytes of memory to decode and detect; the budget for that is "
                    + memory.limit() + " bytes (framepipe.admission.memory-budget x (1 - body-share))");
        }
        return bytes;
    }

    private PipelineSaturated cannotFinish(FrameHeader header, long pixels) {
        double cpu = pixels * work.nanosPerPixel(header.format()) / 1e9;
        double stretch = work.stretch();
        return refuse(
                Cause.WORK,
                String.format(
                        Locale.ROOT,
                        "the frame is expected to take %.2f s of CPU, %.2f s while frames take %.1f times their CPU"
                                + " time in wall time: more than its deadline allows",
                        cpu,
                        cpu * stretch,
                        stretch));
    }

    /**
     * Reserves a body's bytes before it is read.
     *
     * @param bytes the declared length (0 for a chunked body, which grows its reservation as it arrives)
     * @throws PipelineSaturated when the budget has no room now
     * @throws FrameTooLarge     when the body alone exceeds the budget
     */
    public MemoryBudget.Reservation reserveBody(long bytes) {
        MemoryBudget.Reservation reservation;
        try {
            reservation = bodies.tryReserve(bytes);
        } catch (FrameTooLarge e) {
            refused.get(Cause.OVER_BUDGET).increment();
            throw e;
        }
        if (reservation == null) {
            throw bodiesFull(bytes);
        }
        return reservation;
    }

    /**
     * Admits a frame whose body is in memory (and reserved by the caller): takes an in-flight place,
     * reserves the decode working set and the detector's scratch, and enters the work backlog.
     *
     * @param header    the frame's header, read without decoding
     * @param bodyBytes the body's length (reserved by the caller in the bodies pool)
     * @param maxWait   how long to wait for room; {@link Duration#ZERO} refuses at once
     * @throws PipelineSaturated when a bound has no room (in time)
     * @throws FrameTooLarge     when the frame alone needs more memory than the budget
     */
    public Admitted admit(FrameHeader header, long bodyBytes, Duration maxWait) {
        long until = System.nanoTime() + maxWait.toNanos();
        long pixels = pixels(header);
        long bytes = workingSet(header);
        if (!acquirePlace(remaining(until))) {
            throw refuse(Cause.IN_FLIGHT, "more than " + maxInFlight + " frames are in flight");
        }
        // Work first: a frame waiting for the backlog to shrink holds no memory that others could use meanwhile.
        WorkAdmission.Ticket ticket = null;
        try {
            if (!work.canFinish(header.format(), pixels)) {
                throw cannotFinish(header, pixels);
            }
            ticket = work.admit(header.format(), pixels, remaining(until));
            if (ticket == null) {
                throw workFull();
            }
            MemoryBudget.Reservation reservation = memory.reserve(bytes, remaining(until));
            if (reservation == null) {
                throw memoryFull(bytes);
            }
            return new Admitted(reservation, ticket);
        } catch (RuntimeException e) {
            if (ticket != null) {
                ticket.finish(0);
            }
            inFlight.release();
            throw e;
        }
    }

    private boolean acquirePlace(Duration maxWait) {
        try {
            return maxWait.isZero()
                    ? inFlight.tryAcquire()
                    : inFlight.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration remaining(long until) {
        return Duration.ofNanos(Math.max(0, until - System.nanoTime()));
    }

    private PipelineSaturated memoryFull(long bytes) {
        return refuse(
                Cause.MEMORY,
                "the memory budget has no room: " + memory.reserved() + " of " + memory.limit()
                        + " bytes are reserved and the frame needs " + bytes
                        + (memory.isLarge(bytes)
                                ? " (frames over 1/8 of the budget leave a quarter of it to smaller ones)"
                                : ""));
    }

    private PipelineSaturated bodiesFull(long bytes) {
        return refuse(
                Cause.MEMORY,
                "the memory for bodies has no room: " + bodies.reserved() + " of " + bodies.limit()
                        + " bytes are reserved by bodies being received and this one needs " + bytes);
    }

    private PipelineSaturated workFull() {
        return refuse(
                Cause.WORK,
                String.format(
                        Locale.ROOT,
                        "the frames in flight already need %.2f s of CPU;"
                                + " more could not finish within their deadline",
                        work.backlog().toNanos() / 1e9));
    }

    /** Counts a refusal of an admission bound and returns the exception to throw. */
    public PipelineSaturated refuse(Cause cause, String message) {
        refused.get(cause).increment();
        return new PipelineSaturated(message);
    }

    /** The bounds and what is taken of them, for the readiness details. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("inFlight", inFlight());
        details.put("maxInFlight", maxInFlight);
        details.put("memoryBudgetBytes", memory.limit() + bodies.limit());
        details.put("memoryReservedBytes", reserved());
        details.put("bodiesBudgetBytes", bodies.limit());
        details.put("bodiesReservedBytes", bodies.reserved());
        details.put("workBacklogMillis", work.backlog().toMillis());
        details.put("workHeldMillis", work.held().toMillis());
        details.put("workCapacityMillis", work.capacity().toMillis());
        details.put("workCapacityOpen", work.capacityShare());
        details.put("waitingToStart", queue.waiting());
        details.put("stretch", Math.round(work.stretch() * 10) / 10.0);
        Map<String, Double> estimates = new LinkedHashMap<>();
        work.estimates()
                .forEach((format, nanos) ->
                        estimates.put(format.name().toLowerCase(Locale.ROOT), Math.round(nanos * 10) / 10.0));
        details.put("nanosPerPixel", estimates);
        Map<String, Double> refusals = new LinkedHashMap<>();
        refused.forEach((cause, counter) -> refusals.put(cause.tag(), counter.count()));
        details.put("refused", refusals);
        return details;
    }

    /**
     * One admitted frame's place, memory and work, given back by {@link #close()} (idempotent).
     * The pipeline calls {@link #finished} when the frame was analysed to the end, which teaches
     * the work estimate what the frame cost, or {@link #missedDeadline} when it was too late.
     */
    public final class Admitted implements AutoCloseable {

        private final MemoryBudget.Reservation reservation;
        private final WorkAdmission.Ticket ticket;
        private LatestStartQueue.@Nullable Slot slot;
        private SchedStat.@Nullable Sample runStart;
        private long cpuNanos;
        private double stretch;
        private boolean missedDeadline;
        private boolean closed;

        private Admitted(MemoryBudget.Reservation reservation, WorkAdmission.Ticket ticket) {
            this.reservation = reservation;
            this.ticket = ticket;
        }

        /**
         * Waits for a processor for this frame, at most until its latest start ({@link LatestStartQueue}); the
         * processor is given back by {@link #close()}.
         *
         * @param deadline the frame's deadline, in {@link System#nanoTime()} terms
         * @throws PipelineSaturated when no processor was free in time: the frame is shed before its work starts,
         *                           and the work admission takes it as a loss signal ({@link WorkAdmission.Ticket#shed})
         */
        public void start(long deadline) {
            boolean small = queue.small(ticket.expected());
            // A small frame never waits, and the queue reads no stretch for it (no work admission monitor taken).
            LatestStartQueue.Slot started = queue.start(ticket.expected(), deadline, work::stretch);
            if (started == null) {
                ticket.shed();
                throw refuse(
                        Cause.QUEUE,
                        String.format(
                                Locale.ROOT,
                                "no processor was free in time: the frame is expected to take %.2f s of CPU and"
                                        + " could no longer start and finish within its deadline",
                                ticket.expected() / 1e9));
            }
            synchronized (this) {
                slot = started;
                // Reading the statistics costs two file reads (about 18 us): every large frame measures the
                // stretch, one small frame in SMALL_FRAME_SAMPLING (a 640x480 frame takes under a millisecond).
                boolean measured = !small || ThreadLocalRandom.current().nextInt(SMALL_FRAME_SAMPLING) == 0;
                runStart = measured ? SchedStat.now() : null;
            }
        }

        /**
         * The watch to install on the frame's thread for its decoding, detection, sizing and classification
         * ({@link DeadlineWatch}), from now; {@code null} for a small frame, which takes milliseconds and is not watched.
         *
         * @param deadline the frame's deadline, in {@link System#nanoTime()} terms
         */
        public @Nullable DeadlineWatch watch(long deadline) {
            return queue.small(ticket.expected())
                    ? null
                    : DeadlineWatch.startingNow(
                            deadline, ticket.expected(), ticket.forecast(), abandonLate, work::observeStretch);
        }

        /**
         * Records that the frame was abandoned as late by its {@link DeadlineWatch}: for the work admission a loss
         * signal, as a missed deadline is ({@link WorkAdmission.Ticket#abandon}).
         *
         * @return the refusal to throw (503, cause {@code late})
         */
        public PipelineSaturated abandoned(DeadlineWatch.Abandon late) {
            ticket.abandon(late.usedCpu(), late.pace());
            return refuse(Cause.LATE, late.getMessage());
        }

        /**
         * Records the processor time the frame took: the CPU time of the threads that ran it (the request
         * thread and a forked branch's worker), which is its cost whatever else shares the processors.
         */
        public synchronized void finished(long cpuNanos) {
            this.cpuNanos = cpuNanos;
            this.stretch = stretchSinceStart();
        }

        /** How crowded the processors were for the thread that ran the frame since it started (0: not measured). */
        private double stretchSinceStart() {
            SchedStat.Sample now = runStart == null ? null : SchedStat.now();
            return now == null ? 0 : now.stretchSince(runStart);
        }

        /**
         * Records that the frame missed its deadline after using {@code cpuNanos} of processor time: the
         * admission opens less room until frames finish in time ({@link WorkAdmission.Ticket#missedDeadline}).
         */
        public synchronized void missedDeadline(long cpuNanos) {
            this.cpuNanos = cpuNanos;
            this.stretch = stretchSinceStart();
            missedDeadline = true;
        }

        /**
         * Gives everything back. A frame that ended otherwise (failure, bad input) teaches the estimate
         * nothing: a failing stage is a fault, not the cost of a frame, and learning from it would refuse
         * healthy frames after the fault is gone.
         */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (slot != null) {
                slot.close();
            }
            if (missedDeadline) {
                ticket.missedDeadline(cpuNanos, stretch);
            } else {
                ticket.finish(cpuNanos, stretch);
            }
            reservation.close();
            inFlight.release();
        }
    }
}
