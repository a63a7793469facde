package dev.framepipe.testing;

/**
 * Ground truth for one object painted by {@link SyntheticFrames}. Pixel centres lie at integer
 * coordinates; a pixel covers the unit square around its centre.
 *
 * <p>Conventions, chosen so that a correct estimator working on the pixel squares should match
 * closely:
 * <ul>
 *   <li>{@code area} is the exact number of painted pixels, {@code equivalentDiameter} is
 *       {@code sqrt(4 area / pi)} of that count.</li>
 *   <li>{@code cx, cy} is the mean of the painted pixel centres (exactly what a labeler reports).</li>
 *   <li>{@code maxFeret} is the exact largest caliper diameter of the union of the painted pixel
 *       <em>squares</em> (computed from their corners), so it includes the half-pixel extents; it
 *       lies within about -1..+1.5 px of the continuous shape's {@code nominalMaxFeret} (pixel-centre
 *       sampling can lose up to a pixel, the squares' corners add up to about 1.4)
 *       (disc: diameter, ellipse: major axis, rectangle and bar: diagonal, blob: hull diameter).</li>
 *   <li>{@code majorAxis, minorAxis} are {@code 4 sqrt(eigenvalue)} of the covariance of the union of
 *       pixel squares, i.e. pixel-centre central moments / area plus 1/12 on the diagonal. An estimator
 *       from a labeler's pixel-centre moments ({@code mu20, mu02}) should add 1/12 to each to match.
 *       For a disc both equal about its diameter; for an L x W rectangle about {@code 2L/sqrt 3}.</li>
 *   <li>{@code orientationDegrees} is analytic: the direction of the shape's long axis in (-90, 90],
 *       counter-clockwise from the x axis with y pointing up (image rows grow downwards). It is
 *       {@code NaN} where undefined (disc, blob) and meaningless for near-square rectangles.</li>
 * </ul>
 * For objects clipped by the frame border ({@code touchesBorder}) the pixel-based values describe the
 * visible part only, while {@code nominalMaxFeret} and the orientation describe the whole shape.
 *
 * @param kind               the shape painted
 * @param cx                 mean column of the painted pixels
 * @param cy                 mean row of the painted pixels
 * @param area               painted pixel count
 * @param equivalentDiameter {@code sqrt(4 area / pi)}
 * @param maxFeret           largest caliper diameter of the painted pixel squares
 * @param orientationDegrees analytic long-axis angle, (-90, 90], y up; {@code NaN} if undefined
 * @param majorAxis          major axis of the moment ellipse of the pixel squares
 * @param minorAxis          minor axis of the moment ellipse of the pixel squares
 * @param expectedClass      {@code round}, {@code elongated}, {@code rectangular}, {@code irregular},
 *                           or {@code null} when no class is clearly expected (ellipse with ratio below 2.5)
 * @param touchesBorder      whether a painted pixel lies on the first or last row or column
 * @param nominalMaxFeret    largest caliper diameter of the continuous (unrasterised) shape
 * @param holes              number of holes: background components (4-connected) of the object's own
 *                           pixels that do not reach outside its box (a ring has one; a small blob can
 *                           enclose a pixel where two lobes touch diagonally)
 * @param holeArea           pixels in those holes, not part of {@code area}
 */
public record TruthObject(
        PaintedShape kind,
        double cx,
        double cy,
        double area,
        double equivalentDiameter,
        double maxFeret,
        double orientationDegrees,
        double majorAxis,
        double minorAxis,
        String expectedClass,
        boolean touchesBorder,
        double nominalMaxFeret,
        int holes,
        double holeArea) {

    /** The area with the holes filled: what a detector with {@code fill-holes} measures. */
    public double filledArea() {
        return area + holeArea;
    }
}
