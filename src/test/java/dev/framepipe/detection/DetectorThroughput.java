package dev.framepipe.detection;

import dev.framepipe.frame.Frame;
import dev.framepipe.testing.SyntheticFrames;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * An informal throughput check of the default detector (not a test, not a benchmark harness; JMH
 * benchmarks belong elsewhere). Prints megapixels per second of wall time and of this thread's CPU
 * time, which stays meaningful on a shared machine.
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/classes:target/test-classes:$(cat cp.txt) dev.framepipe.detection.DetectorThroughput 640 480 30 8
 * </pre>
 * Arguments: width, height, objects, noise sigma (gradient 20 when noisy).
 */
public final class DetectorThroughput {

    private DetectorThroughput() {}

    public static void main(String[] args) {
        int width = Integer.parseInt(args[0]);
        int height = Integer.parseInt(args[1]);
        int objects = Integer.parseInt(args[2]);
        double noise = Double.parseDouble(args[3]);
        Frame[] frames = new Frame[8];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = SyntheticFrames.builder(width, height)
                    .seed(i)
                    .objects(objects)
                    .sizeRange(12, 60)
                    .noise(noise)
                    .gradient(noise > 0 ? 20 : 0)
                    .build()
                    .frame();
        }
        Detector detector = Detectors.create(DetectorProperties.defaults());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int iterations = Math.max(10, (int) (1e9 / ((double) width * height)));
        long found = 0;
        for (int round = 0; round < 15; round++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                found += detector.detect(frames[i & 7]).objects().size();
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double megapixels = (double) iterations * width * height / 1e6;
            System.out.printf(
                    "round %2d: %.3f ms/frame (cpu), %.0f MP/s per cpu-second, %.0f MP/s wall%n",
                    round, cpu * 1000 / iterations, megapixels / cpu, megapixels / wall);
        }
        System.out.println("objects seen: " + found);
    }
}
