package dev.framepipe.classification;

/**
 * The class assigned to one object.
 *
 * @param objectId   id of the classified {@code DetectedObject}
 * @param label      the class name, e.g. {@code round}, {@code elongated}, {@code rectangular}, {@code irregular}
 * @param confidence in [0, 1]
 * @param features   the features the decision was made on
 */
public record Classification(int objectId, String label, double confidence, ShapeFeatures features) {}
