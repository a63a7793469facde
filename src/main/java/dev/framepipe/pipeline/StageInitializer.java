package dev.framepipe.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Initialises every stage once, in parallel, after the web server has started and before the
 * application reports ready, then opens the pipeline; on shutdown closes it first, so new
 * frames get 503 while those in flight finish.
 *
 * <p>Runs in the last lifecycle phase: the server is already listening (liveness can be
 * probed, readiness is still DOWN, frames get 503) while a slow stage loads its model. A
 * stage that fails to initialise stops the start with a message naming it.
 */
public class StageInitializer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StageInitializer.class);

    private final FramePipeline pipeline;
    private final Map<String, Runnable> stages;
    private final Map<String, Long> initialisationMillis = new ConcurrentHashMap<>();
    private volatile boolean running;

    StageInitializer(FramePipeline pipeline, Map<String, Runnable> stages) {
        this.pipeline = pipeline;
        this.stages = new LinkedHashMap<>(stages);
    }

    @Override
    public void start() {
        long begin = System.nanoTime();
        ExecutorService starter = Executors.newFixedThreadPool(stages.size(), r -> new Thread(r, "stage-init"));
        try {
            Map<String, Future<?>> pending = new LinkedHashMap<>();
            stages.forEach((name, init) -> pending.put(name, starter.submit(() -> {
                long start = System.nanoTime();
                init.run();
                long millis = (System.nanoTime() - start) / 1_000_000;
                initialisationMillis.put(name, millis);
                log.info("Stage '{}' initialised in {} ms", name, millis);
            })));
            for (Map.Entry<String, Future<?>> entry : pending.entrySet()) {
                await(entry.getKey(), entry.getValue());
            }
        } finally {
            starter.shutdownNow();
        }
        pipeline.setAccepting(true);
        running = true;
        log.info(
                "All {} stages initialised in {} ms; accepting frames",
                stages.size(),
                (System.nanoTime() - begin) / 1_000_000);
    }

    private static void await(String stage, Future<?> future) {
        try {
            future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("Stage '" + stage + "' failed to initialise: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stage '" + stage + "' was initialising", e);
        }
    }

    @Override
    public void stop() {
        pipeline.setAccepting(false);
        running = false;
        log.info("Pipeline closed to new frames; {} in flight will finish", pipeline.inFlight());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The stage names and whether each has finished initialising. */
    public Map<String, Boolean> stageStates() {
        Map<String, Boolean> states = new LinkedHashMap<>();
        stages.keySet().forEach(name -> states.put(name, initialisationMillis.containsKey(name)));
        return states;
    }

    /** Milliseconds each initialised stage took. */
    public Map<String, Long> initialisationMillis() {
        Map<String, Long> copy = new LinkedHashMap<>();
        for (String name : List.copyOf(stages.keySet())) {
            Long millis = initialisationMillis.get(name);
            if (millis != null) {
                copy.put(name, millis);
            }
        }
        return copy;
    }
}
