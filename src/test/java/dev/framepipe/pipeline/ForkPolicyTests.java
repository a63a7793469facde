package dev.framepipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.pipeline.ForkPolicy.Decision;
import org.junit.jupiter.api.Test;

class ForkPolicyTests {

    @Test
    void timesTheStagesInlineFirstThenForksUntilTheForkHasBeenMeasured() {
        ForkPolicy policy = new ForkPolicy();
        assertThat(policy.decide()).isEqualTo(Decision.INLINE);
        policy.recordInline(1_000, 1_000);

        assertThat(policy.decide()).isEqualTo(Decision.COLD);
        assertThat(policy.decide()).isEqualTo(Decision.FORK);
    }

    @Test
    void runsInlineWhenForkedFramesTakeLongerThanBothStagesInlineProbingInBursts() {
        ForkPolicy policy = new ForkPolicy();
        policy.recordInline(5_000, 60_000);
        policy.recordFork(Decision.FORK, 80_000, 5_000, 60_000); // 80 us forked against 65 us inline

        StringBuilder decisions = new StringBuilder();
        for (int i = 0; i < (ForkPolicy.PROBE_INTERVAL + ForkPolicy.PROBE_BURST - 1) * 2; i++) {
            decisions.append(policy.decide().name().charAt(0));
        }

        String inlineRun = "I".repeat(ForkPolicy.PROBE_INTERVAL - 1);
        String burst = "C" + "F".repeat(ForkPolicy.PROBE_BURST - 1);
        assertThat(decisions).hasToString(inlineRun + burst + inlineRun + burst);
        assertThat(policy.handoffNanos()).isEqualTo(20_000);
    }

    @Test
    void branchesSlowedDownBesideEachOtherDoNotCountAsOverlapGained() {
        // Inline the stages take 100 and 70 us. Forked, each runs slower beside the other (130 and 95 us) and the
        // middle section takes 185 us: the branch times alone (95 us overlapped against 55 us of hand-off) would
        // say forking pays, but forked frames take longer than the 170 us inline.
        ForkPolicy policy = new ForkPolicy();
        policy.recordInline(100_000, 70_000);
        for (int i = 0; i < ForkPolicy.WINDOW; i++) {
            policy.recordFork(Decision.FORK, 185_000, 130_000, 95_000);
        }

        assertThat(policy.handoffNanos()).isEqualTo(85_000);
        assertThat(policy.decide()).isEqualTo(Decision.INLINE);
    }

    @Test
    void whileForkingRunsAFrameInlineNowAndThenToFollowTheStages() {
        ForkPolicy policy = new ForkPolicy();
        policy.recordInline(1_200_000, 1_200_000);
        policy.recordFork(Decision.FORK, 1_300_000, 1_250_000, 1_250_000);

        StringBuilder decisions = new StringBuilder();
        for (int i = 0; i < ForkPolicy.INLINE_PROBE_INTERVAL * 2; i++) {
            decisions.append(policy.decide().name().charAt(0));
        }

        String forkRun = "F".repeat(ForkPolicy.INLINE_PROBE_INTERVAL - 2);
        assertThat(decisions).hasToString("C" + forkRun + "IC" + forkRun + "I");
    }

    @Test
    void aColdProbeDoesNotCountOnceTheForkIsMeasured() {
        ForkPolicy policy = new ForkPolicy();
        policy.recordInline(1_200_000, 1_200_000);
        policy.recordFork(Decision.COLD, 3_000_000, 1_200_000, 1_200_000); // the first fork ever: counted

        assertThat(policy.handoffNanos()).isEqualTo(1_800_000);
        policy.recordFork(Decision.COLD, 3_000_000, 1_200_000, 1_200_000);
        policy.recordFork(Decision.FORK, 1_250_000, 1_200_000, 1_200_000);
        policy.recordFork(Decision.FORK, 1_250_000, 1_200_000, 1_200_000);
        policy.recordFork(Decision.FORK, 1_250_000, 1_200_000, 1_200_000);

        assertThat(policy.handoffNanos()).isEqualTo((1_800_000 + 3 * 50_000) / 4.0);
        for (int i = 0; i < 100; i++) {
            assertThat(policy.decide().forks()).isTrue();
        }
    }

    @Test
    void takesTheCostAsTheMeanOfTheRecentSteadyForks() {
        ForkPolicy policy = new ForkPolicy();
        policy.recordInline(1_000_000, 900_000);
        for (int i = 0; i < ForkPolicy.WINDOW * 3; i++) {
            policy.recordFork(Decision.FORK, 1_000_000 + (i % 4 == 0 ? 2_000_000 : 40_000), 1_100_000, 950_000);
        }
        assertThat(policy.handoffNanos()).isEqualTo((2_000_000 + 3 * 40_000) / 4.0);

        for (int i = 0; i < ForkPolicy.WINDOW; i++) {
            policy.recordFork(Decision.FORK, 1_500_000, 1_100_000, 950_000);
        }
        assertThat(policy.handoffNanos()).isEqualTo(500_000);
    }

    @Test
    void followsAChangeInStageCostsSmoothly() {
        ForkPolicy policy = new ForkPolicy();
        policy.recordInline(1_000_000, 1_000_000);
        policy.recordFork(Decision.FORK, 1_050_000, 1_000_000, 1_000_000);
        assertThat(policy.decide().forks()).isTrue();

        policy.recordInline(10_000, 10_000);
        assertThat(policy.sizeNanos()).isBetween(800_000.0, 1_000_000.0);
        for (int i = 0; i < 60; i++) {
            policy.recordInline(10_000, 10_000);
        }

        assertThat(policy.sizeNanos()).isLessThan(50_000);
        assertThat(policy.decide()).isEqualTo(Decision.INLINE);
    }
}
