package dev.framepipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.pipeline.ForkPolicy.Decision;
import org.junit.jupiter.api.Test;

class ForkPolicyTests {

    @Test
    void forksUntilTheHandoffHasBeenMeasured() {
        ForkPolicy policy = new ForkPolicy();
        policy.recordStages(1_000, 1_000);

        assertThat(policy.decide()).isEqualTo(Decision.FORK);
        assertThat(policy.decide()).isEqualTo(Decision.FORK);
    }

    @Test
    void runsInlineWhenTheShorterStageCostsLessThanTheHandoffProbingInBursts() {
        ForkPolicy policy = new ForkPolicy();
        policy.recordStages(5_000, 60_000);
        policy.recordFork(Decision.FORK, 80_000, 5_000, 60_000); // 20 us of hand-off against 5 us of overlap

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
    void aColdProbeDoesNotCountOnceTheHandoffIsKnown() {
        ForkPolicy policy = new ForkPolicy();
        policy.recordStages(1_200_000, 1_200_000);
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
    void takesTheHandoffAsTheMeanOfTheRecentSteadyForks() {
        ForkPolicy policy = new ForkPolicy();
        for (int i = 0; i < ForkPolicy.WINDOW * 3; i++) {
            policy.recordFork(Decision.FORK, 1_000_000 + (i % 4 == 0 ? 2_000_000 : 40_000), 1_000_000, 900_000);
        }
        assertThat(policy.handoffNanos()).isEqualTo((2_000_000 + 3 * 40_000) / 4.0);

        for (int i = 0; i < ForkPolicy.WINDOW; i++) {
            policy.recordFork(Decision.FORK, 1_500_000, 1_000_000, 900_000);
        }
        assertThat(policy.handoffNanos()).isEqualTo(500_000);
    }

    @Test
    void followsAChangeInStageCostsSmoothly() {
        ForkPolicy policy = new ForkPolicy();
        policy.recordFork(Decision.FORK, 1_050_000, 1_000_000, 1_000_000);
        policy.recordStages(1_000_000, 1_000_000);
        assertThat(policy.decide()).isEqualTo(Decision.FORK);

        policy.recordStages(10_000, 10_000);
        assertThat(policy.sizeNanos()).isBetween(800_000.0, 1_000_000.0);
        for (int i = 0; i < 60; i++) {
            policy.recordStages(10_000, 10_000);
        }

        assertThat(policy.sizeNanos()).isLessThan(50_000);
        assertThat(policy.decide()).isEqualTo(Decision.INLINE);
    }
}
