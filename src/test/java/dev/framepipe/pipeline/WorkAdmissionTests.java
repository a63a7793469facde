package dev.framepipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkAdmissionTests {

    /** 2 processors, 2 s deadline, half of it: 2 s of processor time in flight; 100 ns per pixel. */
    private static WorkAdmission admission() {
        return new WorkAdmission(2, Duration.ofSeconds(2), 0.5, 100);
    }

    private static final long FRAME = 4_000_000 - WorkAdmission.OVERHEAD_PIXELS; // 0.4 s at 100 ns per pixel

    @Test
    void admitsWorkUpToTheTargetShareOfTheDeadlineAndRefusesBeyond() {
        WorkAdmission work = admission();
        for (int i = 0; i < 5; i++) {
            assertThat(work.tryAdmit(FRAME)).as("frame %d", i).isNotNull();
        }
        assertThat(work.backlog()).isEqualTo(Duration.ofMillis(2000));
        assertThat(work.tryAdmit(FRAME)).isNull();
        assertThat(work.hasRoom(0)).isFalse();
    }

    @Test
    void admitsAFrameLargerThanTheTargetWhenNothingElseIsInFlight() {
        WorkAdmission work = admission();
        WorkAdmission.Ticket huge = work.tryAdmit(100_000_000);
        assertThat(huge).isNotNull();
        assertThat(work.tryAdmit(1)).isNull();
        huge.finish(0);
        assertThat(work.tryAdmit(1)).isNotNull();
    }

    @Test
    void learnsTheCostPerPixelFromFinishedFrames() {
        WorkAdmission work = admission();
        for (int i = 0; i < 100; i++) {
            // each frame really took 4x the assumed time
            work.tryAdmit(FRAME).finish(1_600_000_000L);
        }
        assertThat(work.nanosPerPixel()).isCloseTo(400, org.assertj.core.data.Offset.offset(1.0));
        assertThat(work.tryAdmit(FRAME)).isNotNull();
        assertThat(work.tryAdmit(FRAME)).as("1.6 s + 1.6 s exceeds 2 s").isNull();
    }

    @Test
    void framesThatEndEarlyLeaveTheBacklogWithoutTeachingTheEstimate() {
        WorkAdmission work = admission();
        WorkAdmission.Ticket ticket = work.tryAdmit(FRAME);
        ticket.finish(0);
        ticket.finish(0);
        assertThat(work.backlog()).isZero();
        assertThat(work.nanosPerPixel()).isEqualTo(100);
    }

    @Test
    void aWaitingFrameIsAdmittedWhenTheBacklogShrinks() throws Exception {
        WorkAdmission work = admission();
        WorkAdmission.Ticket[] tickets = new WorkAdmission.Ticket[5];
        for (int i = 0; i < tickets.length; i++) {
            tickets[i] = work.tryAdmit(FRAME);
        }
        CompletableFuture<WorkAdmission.Ticket> waiting =
                CompletableFuture.supplyAsync(() -> work.admit(FRAME, Duration.ofSeconds(30)));
        Thread.sleep(50);
        assertThat(waiting).isNotDone();
        tickets[0].finish(0);
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(work.admit(FRAME, Duration.ofMillis(20))).isNull();
    }
}
