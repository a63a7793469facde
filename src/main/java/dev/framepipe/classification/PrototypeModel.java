package dev.framepipe.classification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A nearest-prototype model: labelled points in a scaled feature space. Immutable once loaded.
 *
 * <p>File format (JSON):
 * <pre>{@code
 * {
 *   "format": "framepipe-prototypes/1",
 *   "scales": { "elongation": 0.15, "solidity": 0.05, ... },
 *   "prototypes": [ { "label": "round", "features": { "elongation": 1.0, "solidity": 0.96, ... } }, ... ]
 * }
 * }</pre>
 * The features used are exactly the keys of {@code scales} (names of {@link ShapeFeatures}
 * components); every prototype gives a value for each. The distance is Euclidean over
 * {@code (feature - prototype) / scale}; {@code elongation} is compared as its logarithm (scale
 * in log units) and {@code concavityDepth} capped at {@value #DEPTH_CAP} px, since it grows with the
 * size of a lobed object. Labels keep the order of their first prototype.
 */
final class PrototypeModel {

    static final String FORMAT = "framepipe-prototypes/1";
    static final double DEPTH_CAP = 1.5;

    private static final Map<String, ToDoubleFunction<ShapeFeatures>> FEATURES = features();

    private final List<String> names;
    private final List<ToDoubleFunction<ShapeFeatures>> extractors;
    private final double[] scales;
    private final double[][] points;
    private final int[] classOf;
    private final List<String> labels;

    private PrototypeModel(
            List<String> names,
            List<ToDoubleFunction<ShapeFeatures>> extractors,
            double[] scales,
            double[][] points,
            int[] classOf,
            List<String> labels) {
        this.names = names;
        this.extractors = extractors;
        this.scales = scales;
        this.points = points;
        this.classOf = classOf;
        this.labels = List.copyOf(labels);
    }

    private static Map<String, ToDoubleFunction<ShapeFeatures>> features() {
        Map<String, ToDoubleFunction<ShapeFeatures>> map = new LinkedHashMap<>();
        map.put("circularity", ShapeFeatures::circularity);
        map.put("elongation", ShapeFeatures::elongation);
        map.put("extent", ShapeFeatures::extent);
        map.put("meanIntensity", ShapeFeatures::meanIntensity);
        map.put("contrast", ShapeFeatures::contrast);
        map.put("solidity", ShapeFeatures::solidity);
        map.put("concavityDepth", ShapeFeatures::concavityDepth);
        map.put("hullCircularity", ShapeFeatures::hullCircularity);
        map.put("rectangularity", ShapeFeatures::rectangularity);
        return Map.copyOf(map);
    }

    /**
     * Where a feature's value lies in the model's space, for an object's features and a prototype's alike:
     * {@code elongation} as its logarithm (below 1 taken as 1), {@code concavityDepth} capped at
     * {@value #DEPTH_CAP} px, every other feature as it is.
     */
    static double transform(String feature, double value) {
        return switch (feature) {
            case "elongation" -> Math.log(Math.max(1, value));
            case "concavityDepth" -> Math.min(DEPTH_CAP, value);
            default -> value;
        };
    }

    /**
     * Reads a model from a file path or a {@code classpath:} location.
     *
     * @throws ClassifierModelNotLoaded naming the location when it is missing, unreadable or malformed
     */
    static PrototypeModel load(String location) {
        JsonNode root;
        try (InputStream in = open(location)) {
            root = JsonMapper.shared().readTree(in);
        } catch (IOException | JacksonException e) {
            throw new ClassifierModelNotLoaded(location, "unreadable (" + e.getMessage() + ")", e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new ClassifierModelNotLoaded(location, e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            InputStream in = PrototypeModel.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no such classpath resource");
            }
            return in;
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file");
        }
        return Files.newInputStream(path);
    }

    private static PrototypeModel parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asString(""))) {
            throw new IllegalArgumentException("\"format\" must be \"" + FORMAT + "\"");
        }
        JsonNode scaleNode = root.path("scales");
        if (!scaleNode.isObject() || scaleNode.isEmpty()) {
            throw new IllegalArgumentException("\"scales\" must be a non-empty object of feature: scale");
        }
        List<String> names = new ArrayList<>();
        List<ToDoubleFunction<ShapeFeatures>> extractors = new ArrayList<>();
        double[] scales = new double[scaleNode.size()];
        Iterator<String> fields = scaleNode.propertyNames().iterator();
        while (fields.hasNext()) {
            String name = fields.next();
            ToDoubleFunction<ShapeFeatures> extractor = FEATURES.get(name);
            if (extractor == null) {
                throw new IllegalArgumentException("unknown feature \"" + name + "\", known: " + FEATURES.keySet());
            }
            double scale = number(scaleNode.get(name), "scale of " + name);
            if (!(scale > 0)) {
                throw new IllegalArgumentException("scale of " + name + " must be positive");
            }
            scales[names.size()] = scale;
            names.add(name);
            extractors.add(extractor);
        }
        JsonNode list = root.path("prototypes");
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("\"prototypes\" must be a non-empty array");
        }
        List<String> labels = new ArrayList<>();
        double[][] points = new double[list.size()][];
        int[] classOf = new int[list.size()];
        for (int i = 0; i < list.size(); i++) {
            JsonNode prototype = list.get(i);
            String label = prototype.path("label").asString("");
            if (label.isBlank()) {
                throw new IllegalArgumentException("prototype " + i + " has no \"label\"");
            }
            if (!labels.contains(label)) {
                labels.add(label);
            }
            classOf[i] = labels.indexOf(label);
            points[i] = new double[names.size()];
            for (int k = 0; k < names.size(); k++) {
                String name = names.get(k);
                double value = number(prototype.path("features").get(name), "prototype " + i + " feature " + name);
                points[i][k] = transform(name, value);
            }
        }
        return new PrototypeModel(List.copyOf(names), List.copyOf(extractors), scales, points, classOf, labels);
    }

    private static double number(JsonNode node, String what) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new IllegalArgumentException(what + " must be a finite number");
        }
        return node.asDouble();
    }

    /** Class labels in file order. */
    List<String> labels() {
        return labels;
    }

    /**
     * The nearest class and a confidence {@code d2 / (d1 + d2)}, with {@code d1} the distance to
     * the nearest prototype and {@code d2} to the nearest prototype of any other class: 0.5 when
     * the two classes are equally near, 1 on a prototype (or with a single class).
     */
    Classification classify(int id, ShapeFeatures features) {
        int dims = scales.length;
        double[] x = new double[dims];
        for (int k = 0; k < dims; k++) {
            x[k] = transform(names.get(k), extractors.get(k).applyAsDouble(features));
        }
        double[] nearestPerClass = new double[labels.size()];
        java.util.Arrays.fill(nearestPerClass, Double.MAX_VALUE);
        for (int i = 0; i < points.length; i++) {
            double sum = 0;
            for (int k = 0; k < dims; k++) {
                double d = (x[k] - points[i][k]) / scales[k];
                sum += d * d;
            }
            nearestPerClass[classOf[i]] = Math.min(nearestPerClass[classOf[i]], sum);
        }
        int best = 0;
        for (int c = 1; c < nearestPerClass.length; c++) {
            if (nearestPerClass[c] < nearestPerClass[best]) {
                best = c;
            }
        }
        double d1 = Math.sqrt(nearestPerClass[best]);
        double d2 = Double.MAX_VALUE;
        for (int c = 0; c < nearestPerClass.length; c++) {
            if (c != best) {
                d2 = Math.min(d2, Math.sqrt(nearestPerClass[c]));
            }
        }
        double confidence = d2 == Double.MAX_VALUE || d1 + d2 == 0 ? 1 : d2 / (d1 + d2);
        return new Classification(id, labels.get(best), confidence, features);
    }
}
