package dev.framepipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framepipe.frame.FrameTooLarge;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryBudgetTests {

    @Test
    void refusesWhatDoesNotFitAndAdmitsItOnceReleased() {
        MemoryBudget budget = new MemoryBudget(100);
        MemoryBudget.Reservation a = budget.tryReserve(60);
        assertThat(a).isNotNull();
        assertThat(budget.tryReserve(41)).isNull();
        assertThat(budget.reserved()).isEqualTo(60);
        a.close();
        assertThat(budget.tryReserve(100)).isNotNull();
    }

    @Test
    void largeReservationsLeaveAQuarterOfTheBudgetToSmallOnes() {
        MemoryBudget budget = new MemoryBudget(800);
        MemoryBudget.Reservation large = budget.tryReserve(400);
        assertThat(large).as("alone").isNotNull();
        assertThat(budget.tryReserve(300))
                .as("a second large one would fill more than three quarters")
                .isNull();
        assertThat(budget.hasRoom(300)).isFalse();
        MemoryBudget.Reservation second = budget.tryReserve(200);
        assertThat(second).as("400 + 200 reach the three quarters exactly").isNotNull();
        for (int i = 0; i < 2; i++) {
            assertThat(budget.tryReserve(100))
                    .as("small frame %d in the last quarter", i)
                    .isNotNull();
        }
        assertThat(budget.tryReserve(1)).as("full").isNull();

        MemoryBudget chunked = new MemoryBudget(800);
        MemoryBudget.Reservation growing = chunked.tryReserve(0);
        assertThat(growing.grow(400)).isTrue();
        assertThat(chunked.tryReserve(100)).isNotNull();
        assertThat(growing.grow(150))
                .as("a chunked body grown large leaves the last quarter to small ones too")
                .isFalse();
        assertThat(growing.grow(100)).isTrue();

        MemoryBudget empty = new MemoryBudget(800);
        assertThat(empty.tryReserve(700))
                .as("one larger than three quarters fits alone")
                .isNotNull();
        assertThat(empty.tryReserve(100)).as("and small ones fill the rest").isNotNull();
    }

    @Test
    void refusesMoreThanTheWholeBudgetAsTooLargeNamingTheSetting() {
        MemoryBudget budget = new MemoryBudget(100);
        assertThatThrownBy(() -> budget.tryReserve(101))
                .isInstanceOf(FrameTooLarge.class)
                .hasMessageContaining("framepipe.admission.memory-budget");
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void releasesOnceHoweverOftenClosed() {
        MemoryBudget budget = new MemoryBudget(100);
        MemoryBudget.Reservation a = budget.tryReserve(30);
        MemoryBudget.Reservation b = budget.tryReserve(30);
        a.close();
        a.close();
        assertThat(budget.reserved()).isEqualTo(30);
        b.close();
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void growsAReservationWhileRoomRemainsAndKeepsItWhenNot() {
        MemoryBudget budget = new MemoryBudget(100);
        MemoryBudget.Reservation chunked = budget.tryReserve(0);
        assertThat(chunked.grow(50)).isTrue();
        MemoryBudget.Reservation other = budget.tryReserve(10);
        assertThat(chunked.grow(45)).isFalse();
        assertThat(chunked.bytes()).isEqualTo(50);
        other.close();
        assertThat(chunked.grow(45)).isTrue();
        assertThatThrownBy(() -> chunked.grow(6)).isInstanceOf(FrameTooLarge.class);
        chunked.close();
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void aWaitingReservationGetsTheRoomAReleaseLeaves() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        MemoryBudget.Reservation held = budget.tryReserve(80);
        CompletableFuture<MemoryBudget.Reservation> waiting =
                CompletableFuture.supplyAsync(() -> budget.reserve(50, Duration.ofSeconds(30)));
        Thread.sleep(50);
        assertThat(waiting).isNotDone();
        held.close();
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(budget.reserved()).isEqualTo(50);
    }

    @Test
    void aWaitWithoutRoomEndsEmptyAfterItsTimeout() {
        MemoryBudget budget = new MemoryBudget(100);
        budget.tryReserve(80);
        assertThat(budget.reserve(50, Duration.ofMillis(20))).isNull();
        assertThat(budget.reserved()).isEqualTo(80);
    }
}
