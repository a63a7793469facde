package dev.framepipe.classification;

import ai.onnxruntime.OrtException;
import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.WorkCheckpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A learned classifier: a convolutional network in ONNX format, run by ONNX Runtime on one
 * {@link MaskedCrop} per object, all crops of a frame in one tensor (at most
 * {@code framepipe.classifier.max-batch} per run); label = argmax, confidence = its softmax
 * probability. The shape features are still computed and reported.
 *
 * <p>The model is loaded and warmed once, in {@link #initialise()}: from
 * {@code model-dir/}{@value #STORED_MODEL} when a swapped model was stored there, else
 * {@code model-path}, else the model shipped in the jar ({@value #DEFAULT_MODEL}).
 * {@link #replaceModel(byte[])} swaps it atomically; a frame keeps the model it started with and a
 * replaced session is closed after its last frame.
 *
 * <p>Meters: {@code framepipe.classifier.model.loads{outcome=accepted|rejected}} and
 * {@code framepipe.classifier.model.load.duration} (load, validation and warm-up). Thread-safe.
 */
final class OnnxClassifier implements Classifier {

    static final String DEFAULT_MODEL = "classpath:models/shape-classifier.onnx";
    static final String STORED_MODEL = "active.onnx";

    private static final Logger log = LoggerFactory.getLogger(OnnxClassifier.class);

    private final ClassifierProperties properties;
    private final AtomicReference<OnnxModel> current = new AtomicReference<>();
    private final Counter accepted;
    private final Counter rejected;
    private final Timer loadTimer;
    private final Object swapLock = new Object();

    OnnxClassifier(ClassifierProperties properties, MeterRegistry registry) {
        this.properties = properties;
        this.accepted = loads(registry, "accepted");
        this.rejected = loads(registry, "rejected");
        this.loadTimer = Timer.builder("framepipe.classifier.model.load.duration")
                .description("Time to load, validate and warm up a classifier model")
                .register(registry);
    }

    private static Counter loads(MeterRegistry registry, String outcome) {
        return Counter.builder("framepipe.classifier.model.loads")
                .tag("outcome", outcome)
                .description("Classifier models loaded (at start-up or by a swap), by outcome")
                .register(registry);
    }

    /** @throws ClassifierModelNotLoaded naming the location when the model is missing, unreadable or does not fit */
    @Override
    public void initialise() {
        String location = startLocation();
        byte[] bytes;
        try {
            bytes = read(location);
        } catch (IOException e) {
            rejected.increment();
            throw new ClassifierModelNotLoaded(location, "unreadable (" + e.getMessage() + ")", e);
        }
        try {
            OnnxModel model = load(bytes);
            OnnxModel old = current.getAndSet(model);
            if (old != null) {
                old.retire();
            }
            log.info(
                    "Classifier model '{}' version {} from {} loaded and warmed in {} ms (sha256 {})",
                    model.identity().name(),
                    model.identity().version(),
                    location,
                    String.format("%.1f", loadTimer.max(TimeUnit.MILLISECONDS)),
                    model.identity().sha256());
        } catch (IllegalArgumentException e) {
            throw new ClassifierModelNotLoaded(location, e.getMessage(), e);
        }
    }

    private String startLocation() {
        Path dir = properties.modelDir();
        if (dir != null && Files.isRegularFile(dir.resolve(STORED_MODEL))) {
            return dir.resolve(STORED_MODEL).toString();
        }
        String path = properties.modelPath();
        return path == null || path.isBlank() ? DEFAULT_MODEL : path;
    }

    private OnnxModel load(byte[] bytes) {
        long start = System.nanoTime();
        try {
            OnnxModel model = OnnxModel.load(bytes, properties);
            loadTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            accepted.increment();
            return model;
        } catch (IllegalArgumentException e) {
            rejected.increment();
            throw e;
        }
    }

    static byte[] read(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            try (InputStream in = OnnxClassifier.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no such classpath resource");
                }
                return in.readAllBytes();
            }
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file");
        }
        return Files.readAllBytes(path);
    }

    @Override
    public ModelIdentity replaceModel(byte[] bytes) {
        synchronized (swapLock) {
            OnnxModel model;
            try {
                model = load(bytes);
            } catch (IllegalArgumentException e) {
                log.warn("Rejected a replacement classifier model: {}", e.getMessage());
                throw new ModelRejected("the model was rejected: " + e.getMessage(), e);
            }
            try {
                store(bytes);
            } catch (IOException e) {
                model.retire();
                throw new UncheckedIOException("the model could not be stored in " + properties.modelDir(), e);
            }
            OnnxModel old = current.getAndSet(model);
            if (old != null) {
                old.retire();
            }
            log.info(
                    "Classifier model replaced: '{}' version {} (sha256 {}), load and warm-up {} ms",
                    model.identity().name(),
                    model.identity().version(),
                    model.identity().sha256(),
                    String.format("%.1f", loadTimer.max(TimeUnit.MILLISECONDS)));
            return model.identity();
        }
    }

    /** Writes the accepted model to the model directory, atomically, so a restart loads it. */
    private void store(byte[] bytes) throws IOException {
        Path dir = properties.modelDir();
        if (dir == null) {
            return;
        }
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, "incoming-", ".onnx");
        try {
            Files.write(temporary, bytes);
            Files.move(
                    temporary,
                    dir.resolve(STORED_MODEL),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public FrameClassification classify(Frame frame, Detection detection) {
        OnnxModel model = acquire();
        try {
            List<DetectedObject> objects = detection.objects();
            List<Classification> result = new ArrayList<>(objects.size());
            List<String> labels = model.identity().labels();
            MaskedCrop crop = model.crop();
            int plane = crop.planeSize();
            int batch = Math.min(properties.maxBatch(), objects.size());
            float[] crops = new float[batch * plane];
            for (int first = 0; first < objects.size(); first += batch) {
                WorkCheckpoint.check();
                int count = Math.min(batch, objects.size() - first);
                for (int i = 0; i < count; i++) {
                    WorkCheckpoint.check();
                    crop.write(frame, objects.get(first + i), detection.backgroundMean(), crops, i * plane);
                }
                WorkCheckpoint.check();
                float[][] probabilities = model.run(crops, count);
                for (int i = 0; i < count; i++) {
                    WorkCheckpoint.check();
                    DetectedObject object = objects.get(first + i);
                    float[] p = probabilities[i];
                    int best = 0;
                    for (int c = 1; c < p.length; c++) {
                        if (p[c] > p[best]) {
                            best = c;
                        }
                    }
                    result.add(new Classification(
                            object.id(), labels.get(best), p[best], FeatureExtractor.features(object, detection)));
                }
            }
            return new FrameClassification(model.identity(), result);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a frame: " + e.getMessage(), e);
        } finally {
            model.release();
        }
    }

    private OnnxModel acquire() {
        while (true) {
            OnnxModel model = current.get();
            if (model == null) {
                throw new IllegalStateException("classifier model not loaded: initialise() first");
            }
            if (model.acquire()) {
                return model;
            }
            // Retired and closed between get() and acquire(): the replacement is already current.
        }
    }

    @Override
    public List<String> labels() {
        return model().labels();
    }

    @Override
    public ModelIdentity model() {
        OnnxModel model = current.get();
        if (model == null) {
            throw new IllegalStateException("classifier model not loaded: initialise() first");
        }
        return model.identity();
    }
}
