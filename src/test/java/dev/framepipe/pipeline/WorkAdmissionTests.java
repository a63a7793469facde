package dev.framepipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.frame.FrameFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class WorkAdmissionTests {

    private static final FrameFormat PNG = FrameFormat.PNG;
    private static final FrameFormat RAW = FrameFormat.RAW_GRAY8;
    /** 0.4 s at the assumed 100 ns per pixel. */
    private static final long FRAME = 4_000_000 - WorkAdmission.OVERHEAD_PIXELS;

    /** 2 processors, 2 s deadline, half of it: 2 s of processor time in flight, 1 s per frame; 100 ns per pixel. */
    private static WorkAdmission admission() {
        return new WorkAdmission(2, Duration.ofSeconds(2), 0.5, 100);
    }

    @Test
    void admitsWorkUpToTheTargetShareOfTheDeadlineAndRefusesBeyond() {
        WorkAdmission work = admission();
        for (int i = 0; i < 5; i++) {
            assertThat(work.tryAdmit(PNG, FRAME)).as("frame %d", i).isNotNull();
        }
        assertThat(work.backlog()).isEqualTo(Duration.ofMillis(2000));
        assertThat(work.tryAdmit(PNG, FRAME)).isNull();
        assertThat(work.hasRoom()).isFalse();
    }

    @Test
    void aMissedDeadlineHalvesTheOpenCapacityAndFramesInTimeOpenItAgain() {
        WorkAdmission work = admission();
        WorkAdmission.Ticket late = work.tryAdmit(PNG, FRAME);
        late.missedDeadline(0, 0);
        assertThat(work.capacityShare()).isEqualTo(0.5);
        assertThat(work.nanosPerPixel(PNG))
                .as("a late frame that used no processor time (a hung stage) teaches the cost nothing")
                .isEqualTo(100);

        WorkAdmission.Ticket first = work.tryAdmit(PNG, FRAME);
        WorkAdmission.Ticket second = work.tryAdmit(PNG, FRAME);
        assertThat(first).as("0.4 s in half of 2 s").isNotNull();
        assertThat(second).as("0.8 s in half of 2 s").isNotNull();
        assertThat(work.tryAdmit(PNG, FRAME)).as("1.2 s exceeds half of 2 s").isNull();
        first.missedDeadline(0, 0);
        second.missedDeadline(0, 0);
        assertThat(work.capacityShare())
                .as("two frames admitted into the same overload halve it once")
                .isEqualTo(0.25);

        for (int i = 0; i < 10; i++) {
            work.tryAdmit(PNG, 0).missedDeadline(0, 0);
        }
        assertThat(work.capacityShare()).isEqualTo(WorkAdmission.MIN_CAPACITY_SHARE);

        WorkAdmission recovering = admission();
        recovering.tryAdmit(PNG, FRAME).missedDeadline(0, 0);
        for (int i = 0; i < 16; i++) {
            recovering.tryAdmit(PNG, FRAME).finish(400_000_000);
        }
        assertThat(recovering.capacityShare()).isEqualTo(1.0);
        for (int i = 0; i < 5; i++) {
            assertThat(recovering.tryAdmit(PNG, FRAME))
                    .as("frame %d once recovered", i)
                    .isNotNull();
        }
    }

    @Test
    void refusesLargeFramesWhileFramesTakeManyTimesTheirProcessorTimeAndKeepsTakingSmallOnes() {
        WorkAdmission work = admission();
        for (int i = 0; i < 40; i++) {
            // a crowd: each frame waited nine times as long for a processor as it ran
            work.tryAdmit(RAW, 0).finish(10_000_000, 10.0);
        }
        assertThat(work.stretch()).isCloseTo(10, Offset.offset(0.5));
        assertThat(work.canFinish(PNG, FRAME)).isFalse();
        assertThat(work.tryAdmit(PNG, FRAME))
                .as("0.4 s of processor time at ten times is 4 s, more than the 1.6 s a frame may take")
                .isNull();
        assertThat(work.tryAdmit(PNG, 100_000))
                .as("12 ms of processor time, 0.12 s at ten times")
                .isNotNull();
    }

    @Test
    void theStretchReturnsToOneWhenNoFrameMeasuresIt() throws InterruptedException {
        // a 200 ms deadline: the stretch decays with a time constant of 100 ms
        WorkAdmission work = new WorkAdmission(2, Duration.ofMillis(200), 0.5, 100);
        for (int i = 0; i < 40; i++) {
            work.tryAdmit(RAW, 0).finish(10_000_000, 10.0);
        }
        assertThat(work.stretch()).isGreaterThan(5);
        Thread.sleep(800);
        assertThat(work.stretch()).isLessThan(1.01);
    }

    @Test
    void aFrameShedBeforeItStartedHalvesTheOpenCapacityAndTeachesTheCostNothing() {
        WorkAdmission work = admission();
        WorkAdmission.Ticket shed = work.tryAdmit(PNG, FRAME);
        shed.shed();
        shed.finish(400_000_000);
        assertThat(work.capacityShare()).isEqualTo(0.5);
        assertThat(work.nanosPerPixel(PNG)).isEqualTo(100);
        assertThat(work.backlog()).as("left the backlog once").isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesAFrameThatAloneCannotFinishInTimeUntilTheFormatIsDueForAProbe() {
        WorkAdmission work = admission();
        work.tryAdmit(PNG, FRAME).finish(1);
        assertThat(work.canFinish(PNG, 20_000_000)).isFalse();
        assertThat(work.tryAdmit(PNG, 20_000_000))
                .as("2 s alone exceeds the 1.6 s a frame may take")
                .isNull();
        assertThat(work.tryAdmit(PNG, 15_000_000)).as("1.5 s fits").isNotNull();
        assertThat(work.tryAdmit(RAW, 20_000_000))
                .as("no probe while another frame is in flight")
                .isNull();
    }

    @Test
    void probesAFormatNeverMeasuredWithOneFrameWhenIdle() {
        WorkAdmission work = admission();
        WorkAdmission.Ticket probe = work.tryAdmit(RAW, 20_000_000);
        assertThat(probe).isNotNull();
        assertThat(work.tryAdmit(RAW, 20_000_000))
                .as("not while something is in flight")
                .isNull();
        probe.finish(0);
        assertThat(work.tryAdmit(RAW, 20_000_000))
                .as("not again within five deadlines")
                .isNull();
    }

    @Test
    void learnsTheCostPerPixelOfEachFormatFromFinishedFrames() {
        WorkAdmission work = admission();
        for (int i = 0; i < 60; i++) {
            // each PNG really took twice the assumed time, each raw frame a tenth
            work.tryAdmit(PNG, FRAME).finish(800_000_000L);
            work.tryAdmit(RAW, FRAME).finish(40_000_000L);
        }
        assertThat(work.nanosPerPixel(PNG)).isCloseTo(200, Offset.offset(1.0));
        assertThat(work.nanosPerPixel(RAW)).isCloseTo(10, Offset.offset(1.0));
        assertThat(work.tryAdmit(PNG, FRAME)).isNotNull();
        assertThat(work.tryAdmit(PNG, FRAME)).isNotNull();
        assertThat(work.tryAdmit(PNG, FRAME)).as("3 x 0.8 s exceeds 2 s").isNull();
        assertThat(work.tryAdmit(RAW, FRAME)).as("a raw frame still fits").isNotNull();
    }

    @Test
    void risesHalfWayAtOnceAfterAnOverrunAndFallsSlowly() {
        WorkAdmission work = admission();
        work.tryAdmit(PNG, FRAME).finish(1_200_000_000L); // 300 ns per pixel
        assertThat(work.nanosPerPixel(PNG)).isCloseTo(200, Offset.offset(0.5));
        work.tryAdmit(PNG, FRAME).finish(400_000_000L); // 100 ns per pixel
        assertThat(work.nanosPerPixel(PNG)).isCloseTo(190, Offset.offset(0.5));
    }

    @Test
    void theForecastFollowsFramesDownAsFastAsUpWhileTheEstimateStaysCautious() {
        WorkAdmission work = admission();
        work.tryAdmit(PNG, FRAME).finish(1_200_000_000L); // 300 ns per pixel
        work.tryAdmit(PNG, FRAME).finish(400_000_000L); // 100 ns per pixel
        work.tryAdmit(PNG, FRAME).finish(400_000_000L);

        // Estimate: 100 -> 200 (half-way up) -> 190 -> 181 (a tenth down). Forecast: 100 -> 150 -> 137.5 -> 128.1
        // (a quarter either way), which is what the admission's next frame carries.
        assertThat(work.nanosPerPixel(PNG)).isCloseTo(181, Offset.offset(0.5));
        assertThat(work.forecast(PNG, FRAME)).isCloseTo(512_500_000L, Offset.offset(1_000_000L));
        assertThat(work.tryAdmit(PNG, FRAME).forecast()).isEqualTo(work.forecast(PNG, FRAME));
        work.tryAdmit(PNG, FRAME).missedDeadline(1_600_000_000L, 0); // 400 ns per pixel before it was abandoned
        assertThat(work.forecast(PNG, FRAME))
                .as("a late frame raises it at once")
                .isEqualTo(1_600_000_000L);
    }

    @Test
    void aLateFrameRaisesTheEstimateByTheProcessorTimeItUsedButNeverLowersIt() {
        WorkAdmission work = admission();
        work.tryAdmit(RAW, FRAME).missedDeadline(1_200_000_000L, 0); // noise: 300 ns per pixel before it was abandoned
        assertThat(work.nanosPerPixel(RAW)).as("at once, not half-way").isCloseTo(300, Offset.offset(0.5));
        assertThat(work.tryAdmit(RAW, 6_000_000))
                .as("1.8 s at the raised estimate exceeds the 1.6 s a frame may take")
                .isNull();
        work.tryAdmit(RAW, FRAME).missedDeadline(40_000_000L, 0); // late for another reason, after 10 ns per pixel
        assertThat(work.nanosPerPixel(RAW)).isCloseTo(300, Offset.offset(0.5));
    }

    @Test
    void roomHeldForBodiesBeingReceivedCountsUntilClosedOrExpired() throws Exception {
        WorkAdmission work = admission();
        List<WorkAdmission.Hold> holds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            holds.add(work.hold(PNG, FRAME, Duration.ofSeconds(30)));
        }
        assertThat(holds).doesNotContainNull();
        assertThat(work.held()).isEqualTo(Duration.ofMillis(2000));
        assertThat(work.hold(PNG, FRAME, Duration.ofSeconds(30)))
                .as("a sixth body")
                .isNull();
        assertThat(work.tryAdmit(PNG, FRAME)).as("the held room is not free").isNull();
        holds.get(0).close();
        holds.get(0).close();
        WorkAdmission.Ticket admitted = work.tryAdmit(PNG, FRAME);
        assertThat(admitted).as("the frame whose hold was closed").isNotNull();
        holds.forEach(WorkAdmission.Hold::close);
        admitted.finish(0);

        WorkAdmission.Hold slow = work.hold(PNG, FRAME * 4, Duration.ofMillis(50));
        assertThat(slow).isNotNull();
        assertThat(work.tryAdmit(PNG, FRAME))
                .as("1.6 s held and 0.4 s admitted fit in 2 s")
                .isNotNull();
        assertThat(work.hold(PNG, FRAME, Duration.ofSeconds(30)))
                .as("2.4 s exceeds 2 s")
                .isNull();
        Thread.sleep(100);
        assertThat(work.held()).as("a slow upload's hold expires").isZero();
        assertThat(work.hold(PNG, FRAME, Duration.ofSeconds(30))).isNotNull();
    }

    @Test
    void framesThatEndEarlyLeaveTheBacklogWithoutTeachingTheEstimate() {
        WorkAdmission work = admission();
        WorkAdmission.Ticket ticket = work.tryAdmit(PNG, FRAME);
        ticket.finish(0);
        ticket.finish(0);
        assertThat(work.backlog()).isZero();
        assertThat(work.nanosPerPixel(PNG)).isEqualTo(100);
    }

    @Test
    void aWaitingFrameIsAdmittedWhenTheBacklogShrinks() throws Exception {
        WorkAdmission work = admission();
        WorkAdmission.Ticket[] tickets = new WorkAdmission.Ticket[5];
        for (int i = 0; i < tickets.length; i++) {
            tickets[i] = work.tryAdmit(PNG, FRAME);
        }
        CompletableFuture<WorkAdmission.Ticket> waiting =
                CompletableFuture.supplyAsync(() -> work.admit(PNG, FRAME, Duration.ofSeconds(30)));
        Thread.sleep(50);
        assertThat(waiting).isNotDone();
        tickets[0].finish(0);
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(work.admit(PNG, FRAME, Duration.ofMillis(20))).isNull();
    }

    @Test
    void answersTheQuestionsOfRequestsAndTakesAFramesStretchWhileAnotherThreadHoldsItsMonitor() throws Exception {
        // A request thread at nice 19 preempted inside the monitor kept it for hundreds of milliseconds; what every
        // request asks, and what a running frame reports at its checkpoints, must not wait for it.
        WorkAdmission work = admission();
        work.tryAdmit(PNG, FRAME).finish(400_000_000L, 1.5);
        try (WorkAdmission.Hold hold = work.hold(RAW, FRAME, Duration.ofSeconds(10))) {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                synchronized (work) {
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            holder.start();
            try {
                held.await();
                CompletableFuture<List<Object>> asked = CompletableFuture.supplyAsync(() -> {
                    work.observeStretch(2.0);
                    return List.of(
                            work.hasRoom(),
                            work.canFinish(PNG, FRAME),
                            work.backlog(),
                            work.stretch(),
                            work.nanosPerPixel(PNG),
                            work.forecast(PNG, FRAME),
                            work.estimates(),
                            work.capacityShare());
                });
                List<Object> answers = asked.get(10, TimeUnit.SECONDS);
                assertThat(answers.get(0)).as("room beside the hold").isEqualTo(true);
                assertThat((double) answers.get(3))
                        .as("the stretch took the frame's measure")
                        .isGreaterThan(1.0);
            } finally {
                release.countDown();
                holder.join();
            }
        }
    }
}
