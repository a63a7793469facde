package dev.framepipe.classification;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded ONNX model: its session, labels, input spec and identity, validated and warmed up
 * when it is created. Reference-counted so that a replaced model is closed only after the last
 * frame using it has finished: {@link #acquire()} before a run, {@link #release()} after it,
 * {@link #retire()} once by its owner. Thread-safe ({@code OrtSession.run} may be called
 * concurrently).
 *
 * <p>Metadata ({@code metadata_props}): {@code framepipe.labels} (comma-separated, in output order),
 * {@code framepipe.output} ({@code logits}, the default, or {@code probabilities}),
 * {@code framepipe.model.name}, {@code framepipe.model.version}, and the input keys of
 * {@link OnnxInputSpec}. The model must have one float input {@code [N, C, S, S]} (N dynamic) and
 * a float output {@code [N, labels]}.
 */
final class OnnxModel {

    static final String LABELS = "framepipe.labels";
    static final String OUTPUT = "framepipe.output";
    static final String NAME = "framepipe.model.name";
    static final String VERSION = "framepipe.model.version";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;
    private final boolean logits;
    private final OnnxInputSpec spec;
    private final MaskedCrop crop;
    private final ModelIdentity identity;
    private final AtomicInteger references = new AtomicInteger(1);

    private OnnxModel(
            OrtEnvironment environment,
            OrtSession session,
            String inputName,
            String outputName,
            boolean logits,
            OnnxInputSpec spec,
            ModelIdentity identity) {
        this.environment = environment;
        this.session = session;
        this.inputName = inputName;
        this.outputName = outputName;
        this.logits = logits;
        this.spec = spec;
        this.crop = new MaskedCrop(spec);
        this.identity = identity;
    }

    /**
     * Creates a session from the model's bytes, checks its input, output and labels, and runs one
     * inference on a dummy batch of two crops (the warm-up and the test inference at once).
     *
     * @throws IllegalArgumentException saying what does not fit, when the model is unreadable or does not fit
     */
    static OnnxModel load(byte[] bytes, ClassifierProperties properties) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(properties.intraOpThreads());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(bytes, options);
        } catch (OrtException e) {
            throw new IllegalArgumentException("not a loadable ONNX model (" + firstLine(e.getMessage()) + ")", e);
        }
        try {
            OnnxModel model = validate(environment, session, bytes, properties);
            model.warmUp();
            return model;
        } catch (RuntimeException | OrtException e) {
            close(session);
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("the test inference failed (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static OnnxModel validate(
            OrtEnvironment environment, OrtSession session, byte[] bytes, ClassifierProperties properties)
            throws OrtException {
        OnnxModelMetadata metadata = session.getMetadata();
        Map<String, String> props = metadata.getCustomMetadata();
        OnnxInputSpec spec = OnnxInputSpec.of(props, properties.input());
        if (spec.channels() != 1) {
            throw new IllegalArgumentException(
                    "the model wants " + spec.channels() + " input channels; FramePipe feeds one (object contrast)");
        }
        List<String> labels = props.containsKey(LABELS)
                ? Arrays.stream(props.get(LABELS).split(",")).map(String::trim).toList()
                : properties.labels();
        if (labels.isEmpty()
                || labels.stream().anyMatch(String::isEmpty)
                || labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("labels must be distinct and non-empty: " + labels);
        }
        if (session.getNumInputs() != 1) {
            throw new IllegalArgumentException("the model has " + session.getNumInputs() + " inputs; expected one");
        }
        NodeInfo input = session.getInputInfo().values().iterator().next();
        long[] in = tensorShape(input, "input");
        long[] wanted = {-1, spec.channels(), spec.size(), spec.size()};
        if (in.length != 4 || !fits(in[1], wanted[1]) || !fits(in[2], wanted[2]) || !fits(in[3], wanted[3])) {
            throw new IllegalArgumentException("input '" + input.getName() + "' has shape " + Arrays.toString(in)
                    + "; FramePipe feeds [N, " + spec.channels() + ", " + spec.size() + ", " + spec.size() + "]");
        }
        if (in[0] > 0) {
            throw new IllegalArgumentException(
                    "input '" + input.getName() + "' has a fixed batch size " + in[0] + "; it must be dynamic");
        }
        NodeInfo output = session.getOutputInfo().values().iterator().next();
        long[] out = tensorShape(output, "output");
        if (out.length != 2 || !fits(out[1], labels.size())) {
            throw new IllegalArgumentException("output '" + output.getName() + "' has shape " + Arrays.toString(out)
                    + " but the model has " + labels.size() + " labels " + labels);
        }
        String kind = props.getOrDefault(OUTPUT, "logits").trim();
        if (!kind.equals("logits") && !kind.equals("probabilities")) {
            throw new IllegalArgumentException(OUTPUT + " must be 'logits' or 'probabilities', is '" + kind + "'");
        }
        String name = props.getOrDefault(NAME, metadata.getGraphName());
        String version = props.getOrDefault(VERSION, Long.toString(metadata.getVersion()));
        ModelIdentity identity = new ModelIdentity("onnx", name, version, sha256(bytes), labels, Instant.now());
        return new OnnxModel(
                environment, session, input.getName(), output.getName(), kind.equals("logits"), spec, identity);
    }

    private static long[] tensorShape(NodeInfo node, String what) {
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException(
                    what + " '" + node.getName() + "' is not a float tensor: " + node.getInfo());
        }
        return tensor.getShape();
    }

    private static boolean fits(long dimension, long wanted) {
        return dimension < 0 || dimension == wanted;
    }

    private void warmUp() throws OrtException {
        int plane = crop.planeSize();
        float[] dummy = new float[2 * plane];
        for (int i = 0; i < dummy.length; i++) {
            dummy[i] = (float) ((((i * 37) % 101) / 101.0 - spec.mean()) / spec.std());
        }
        float[][] probabilities = run(dummy, 2);
        for (float[] row : probabilities) {
            for (float p : row) {
                if (!Float.isFinite(p)) {
                    throw new IllegalArgumentException("the test inference gave a non-finite output");
                }
            }
        }
    }

    /**
     * Runs the model on {@code count} crops laid out in {@code crops} and returns per crop the
     * probability of each label (softmax of the logits, or the model's probabilities).
     */
    float[][] run(float[] crops, int count) throws OrtException {
        int s = spec.size();
        long[] shape = {count, spec.channels(), s, s};
        try (OnnxTensor tensor = OnnxTensor.createTensor(
                        environment, FloatBuffer.wrap(crops, 0, count * crop.planeSize()), shape);
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            float[][] out = (float[][]) result.get(outputName).orElseThrow().getValue();
            if (out.length != count
                    || (count > 0 && out[0].length != identity.labels().size())) {
                throw new IllegalStateException("the model answered " + out.length + " rows for " + count + " crops");
            }
            if (logits) {
                for (float[] row : out) {
                    softmax(row);
                }
            }
            return out;
        }
    }

    private static void softmax(float[] row) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) Math.exp(row[i] - max);
            sum += row[i];
        }
        for (int i = 0; i < row.length; i++) {
            row[i] /= (float) sum;
        }
    }

    MaskedCrop crop() {
        return crop;
    }

    ModelIdentity identity() {
        return identity;
    }

    /** Takes a reference for one run; false when the model has already been closed. */
    boolean acquire() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back a reference; the last one closes the session. */
    void release() {
        if (references.decrementAndGet() == 0) {
            close(session);
        }
    }

    /** The owner gives up the model: closed now if idle, else after the last frame using it. */
    void retire() {
        release();
    }

    /** Whether the session has been closed (no owner and no frame using it). */
    boolean closed() {
        return references.get() == 0;
    }

    private static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory; a failure leaves nothing to recover.
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
