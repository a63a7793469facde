package dev.framepipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForkPolicyTests {

    @Test
    void forksUntilTheHandoffHasBeenMeasured() {
        ForkPolicy policy = new ForkPolicy();
        policy.recordStages(1_000, 1_000);

        assertThat(policy.shouldFork()).isTrue();
        assertThat(policy.shouldFork()).isTrue();
    }

    @Test
    void runsInlineWhenTheShorterStageCostsLessThanTheHandoffProbingNowAndThen() {
        ForkPolicy policy = new ForkPolicy();
        policy.recordStages(5_000, 60_000);
        policy.recordFork(80_000, 5_000, 60_000); // 20 us of hand-off against 5 us of overlap

        int forks = 0;
        for (int i = 0; i < ForkPolicy.PROBE_INTERVAL * 4; i++) {
            forks += policy.shouldFork() ? 1 : 0;
        }

        assertThat(forks).isEqualTo(4);
        assertThat(policy.handoffNanos()).isEqualTo(20_000);
    }

    @Test
    void forksWhenBothStagesOutlastTheHandoff() {
        ForkPolicy policy = new ForkPolicy();
        policy.recordStages(1_100_000, 1_100_000);
        policy.recordFork(1_150_000, 1_100_000, 1_100_000);

        for (int i = 0; i < 100; i++) {
            assertThat(policy.shouldFork()).isTrue();
        }
    }

    @Test
    void followsAChangeInStageCostsSmoothly() {
        ForkPolicy policy = new ForkPolicy();
        policy.recordFork(1_050_000, 1_000_000, 1_000_000);
        policy.recordStages(1_000_000, 1_000_000);
        assertThat(policy.shouldFork()).isTrue();

        policy.recordStages(10_000, 10_000);
        assertThat(policy.sizeNanos()).isBetween(800_000.0, 1_000_000.0);
        for (int i = 0; i < 60; i++) {
            policy.recordStages(10_000, 10_000);
        }

        assertThat(policy.sizeNanos()).isLessThan(50_000);
        assertThat(policy.shouldFork()).isFalse();
    }
}
