package dev.framepipe.fuzz;

/**
 * Keeps Jazzer's regression runs from breaking the Spring tests that share their JVM.
 *
 * <p>When Jazzer's agent starts it retransforms every loaded class it instruments (by default
 * every class of the project). On JDK 17 a retransformed class loses its {@code MethodParameters}
 * attribute (JDK-8240908), and Spring can then no longer bind {@code @ConfigurationProperties}
 * records: every application context created after a fuzz test fails to start. In regression
 * mode nothing needs instrumenting, so the filter is narrowed to this package; when fuzzing
 * ({@code JAZZER_FUZZ} set) the default, the whole project, stays. An explicit
 * {@code -Djazzer.instrument=...} always wins.
 */
final class JazzerSetup {

    private JazzerSetup() {}

    static void instrumentOnlyWhenFuzzing() {
        if (System.getenv("JAZZER_FUZZ") == null && System.getProperty("jazzer.instrument") == null) {
            System.setProperty("jazzer.instrument", "dev.framepipe.fuzz.**");
        }
    }
}
