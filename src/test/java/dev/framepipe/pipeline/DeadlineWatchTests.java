package dev.framepipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DeadlineWatchTests {

    private static final long MS = 1_000_000;

    /** Wall time and the frame thread's processor time, both moved by the test. */
    private static final class Clocks {

        long wall = 1_000 * MS;
        long cpu = 5_000 * MS;
        long waited = 7_000 * MS;
        final AtomicInteger reads = new AtomicInteger();
        final List<Double> reported = new ArrayList<>();

        DeadlineWatch watch(long deadlineIn, long expectedCpu) {
            return watch(deadlineIn, expectedCpu, true);
        }

        DeadlineWatch watch(long deadlineIn, long expectedCpu, boolean abandons) {
            return new DeadlineWatch(
                    wall + deadlineIn,
                    expectedCpu,
                    expectedCpu,
                    abandons,
                    () -> wall,
                    () -> {
                        reads.incrementAndGet();
                        return new SchedStat.Sample(cpu, waited);
                    },
                    reported::add);
        }

        /** {@code millis} of wall time in which the thread gets {@code share} of a processor, waiting the rest. */
        void run(long millis, double share) {
            wall += millis * MS;
            cpu += (long) (millis * share * MS);
            waited += (long) (millis * (1 - share) * MS);
        }

        /** Runs the watched frame in 3 ms steps at {@code share} of a processor, checking after each, until stopped. */
        DeadlineWatch.Abandon runUntilStopped(DeadlineWatch watch, double share) {
            return catchThrowableOfType(DeadlineWatch.Abandon.class, () -> {
                for (int i = 0; i < 1_000; i++) {
                    run(3, share);
                    watch.check();
                }
            });
        }

        /** {@code millis} of wall time in which the thread is blocked: neither running nor waiting to. */
        void block(long millis) {
            wall += millis * MS;
        }
    }

    @Test
    void aFrameWithAProcessorToItselfRunsToItsEnd() {
        Clocks clocks = new Clocks();
        DeadlineWatch watch = clocks.watch(2_000 * MS, 300 * MS);
        for (int i = 0; i < 100; i++) {
            clocks.run(3, 1);
            watch.check();
        }
        assertThat(clocks.cpu - 5_000 * MS).as("it did its 300 ms of work").isEqualTo(300 * MS);
    }

    @Test
    void aFrameThatMeetsACrowdIsAbandonedAsLateLongBeforeItsDeadline() {
        Clocks clocks = new Clocks();
        DeadlineWatch watch = clocks.watch(2_000 * MS, 300 * MS);
        for (int i = 0; i < 10; i++) {
            clocks.run(3, 1);
            watch.check();
        }
        // The crowd arrives: a tenth of a processor. 270 ms of work left needs 2.7 s; 1.97 s are left.
        DeadlineWatch.Abandon late = clocks.runUntilStopped(watch, 0.1);

        // The pace since the start (30 ms at full speed, then a tenth) is 0.16 at 0.44 s, when the 229 ms still
        // needed, with the margin 252 ms, no longer fit in the 1.56 s left (251 ms at that pace).
        assertThat(late.overdue()).isFalse();
        assertThat(late.pace()).isCloseTo(0.16, within(0.01));
        assertThat((clocks.wall - 1_000 * MS) / (double) MS)
                .as("abandoned with 1.56 s of its 2 s left")
                .isCloseTo(441, within(6.0));
        assertThat(late).hasMessageContaining("can no longer finish");
    }

    @Test
    void aThreadBlockedForAWholeWindowIsNotTakenForACrowd() {
        Clocks clocks = new Clocks();
        DeadlineWatch watch = clocks.watch(2_000 * MS, 200 * MS);
        clocks.block(100); // a collection, a page fault
        watch.check();
        for (int i = 0; i < 100; i++) {
            clocks.run(3, 1);
            watch.check();
        }
        assertThat(clocks.cpu - 5_000 * MS).isEqualTo(300 * MS);
    }

    @Test
    void aFramePastItsForecastIsTakenToNeedAQuarterOfWhatItUsedAgain() {
        Clocks clocks = new Clocks();
        // Forecast at 30 ms (noise priced as a plain raw frame); at half a processor it has used 600 ms by 1.2 s.
        DeadlineWatch watch = clocks.watch(2_000 * MS, 30 * MS);
        DeadlineWatch.Abandon late = clocks.runUntilStopped(watch, 0.5);

        // Abandoned when 1.1 x used / 4 > 0.5 x (2 s - elapsed), elapsed = 2 x used: at 1.57 s of wall time.
        assertThat(late.overdue()).isFalse();
        assertThat((clocks.wall - 1_000 * MS) / (double) MS).isCloseTo(1_569, within(10.0));
    }

    @Test
    void reportsTheCrowdItMeetsEveryFiftyMillisecondsOfRunning() {
        Clocks clocks = new Clocks();
        DeadlineWatch watch = clocks.watch(2_000 * MS, 300 * MS);
        for (int i = 0; i < 10; i++) {
            clocks.run(5, 1);
            watch.check();
        }
        clocks.block(50); // blocked: no report, it ran too little
        watch.check();
        for (int i = 0; i < 10; i++) {
            clocks.run(5, 0.25);
            watch.check();
        }

        assertThat(clocks.reported).containsExactly(1.0, 4.0);
    }

    @Test
    void aWatchThatOnlyJudgesLetsACrowdedFrameRunUntilItsDeadline() {
        Clocks clocks = new Clocks();
        DeadlineWatch watch = clocks.watch(2_000 * MS, 300 * MS, false);
        DeadlineWatch.Abandon stopped =
                clocks.runUntilStopped(watch, 0.1); // the crowd that is abandoned at 0.44 s when the watch abandons

        assertThat(stopped.overdue()).isTrue();
        assertThat((clocks.wall - 1_000 * MS) / (double) MS).isCloseTo(2_000, within(6.0));
    }

    @Test
    void logsEachFramesTraceAtDebugForTheReplayScript() {
        Logger logger = (Logger) LoggerFactory.getLogger(DeadlineWatch.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(appender);
        try {
            Clocks clocks = new Clocks();
            DeadlineWatch watch = clocks.watch(2_000 * MS, 300 * MS, false);
            for (int i = 0; i < 3; i++) {
                clocks.run(5, 0.5);
                watch.check();
            }
            watch.ended(true);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }

        assertThat(appender.list)
                .singleElement()
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEqualTo("Watched frame: outcome=ok expected=300000us forecast=300000us took=15000us left=1985000us"
                        + " used=7500us waited=7500us samples=5000,2500,2500;10000,5000,5000;15000,7500,7500;");
    }

    @Test
    void aFrameStillRunningAtItsDeadlineIsOverdue() {
        Clocks clocks = new Clocks();
        DeadlineWatch watch = clocks.watch(100 * MS, 10 * MS);
        clocks.block(100);
        assertThatThrownBy(watch::check)
                .isInstanceOfSatisfying(
                        DeadlineWatch.Abandon.class,
                        abandon -> assertThat(abandon.overdue()).isTrue());
    }

    @Test
    void readsTheSchedulerStatisticsAtMostEveryFiveMilliseconds() {
        Clocks clocks = new Clocks();
        DeadlineWatch watch = clocks.watch(2_000 * MS, 300 * MS);
        int before = clocks.reads.get();
        for (int i = 0; i < 1_000; i++) {
            clocks.run(1, 1);
            watch.check();
        }
        assertThat(clocks.reads.get() - before)
                .as("1 s of checks, a millisecond apart")
                .isEqualTo(200);
    }
}
