package dev.framepipe.detection;

/** Whether touching objects are split. */
public enum Split {
    /** Every connected component is one object. */
    NONE,
    /** Touching objects are split by a marker-controlled watershed of the distance transform ({@link WatershedSplitter}). */
    TOUCHING
}
