package dev.framepipe.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.classification.Classification;
import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.ClassifierProperties;
import dev.framepipe.classification.Classifiers;
import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.frame.Frame;
import dev.framepipe.sizing.ObjectSize;
import dev.framepipe.sizing.SizeEstimator;
import dev.framepipe.sizing.SizeEstimators;
import dev.framepipe.sizing.SizingProperties;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The expected values were computed independently with python3, running the Python controller's loops
 * ({@code res = res // 20 + ...}) on Python's arbitrary-precision integers.
 */
class BaselineStagesTests {

    private final BaselineExtremes extremes = new BaselineExtremes(4);
    private final Detector detector = BaselineStages.detector();
    private final SizeEstimator sizeEstimator = BaselineStages.sizeEstimator(extremes);
    private final Classifier classifier = BaselineStages.classifier();

    private final Frame frame = new Frame(8, 8, new byte[64]);

    private Detection detect() {
        return detector.detect(frame);
    }

    @Test
    void sizesMatchThePythonLoopForObjects0And7And49() {
        assertThat(BaselineWorkload.size(0)).isEqualTo(10525);
        assertThat(BaselineWorkload.size(7)).isEqualTo(10539);
        assertThat(BaselineWorkload.size(49)).isEqualTo(10628);
    }

    @Test
    void classValuesMatchThePythonLoopForObjects0And7And49() {
        assertThat(BaselineWorkload.classValue(0, 100)).isEqualTo(10630);
        assertThat(BaselineWorkload.classValue(7, 93)).isEqualTo(10674);
        assertThat(BaselineWorkload.classValue(49, 51)).isEqualTo(13106);
    }

    @Test
    void detectorReturnsFiftyObjectsAtXAnd100MinusX() {
        Detection detection = detect();
        assertThat(detection.objects()).hasSize(50);
        DetectedObject seventh = detection.objects().get(7);
        assertThat(seventh.centroid().x()).isEqualTo(7);
        assertThat(seventh.centroid().y()).isEqualTo(93);
        assertThat(seventh.area()).isEqualTo(7);
    }

    @Test
    void sizeEstimatorReportsTheLoopResultAsAreaAndAppendsTheFrameMaxAndMin() {
        List<ObjectSize> sizes = sizeEstimator.estimate(detect());
        assertThat(sizes).hasSize(50);
        assertThat(sizes.get(0).area()).isEqualTo(10525);
        assertThat(sizes.get(7).area()).isEqualTo(10539);
        assertThat(sizes.get(49).area()).isEqualTo(10628);
        assertThat(extremes.frames()).isEqualTo(1);
        assertThat(extremes.latest()).containsExactly(new BaselineExtremes.Pair(10628, 10525));
    }

    @Test
    void classifierLabelsEachObjectWithTheLoopResultModulo4() {
        List<Classification> classes = classifier.classify(frame, detect()).objects();
        assertThat(classes.get(0).label()).isEqualTo("class-2");
        assertThat(classes.get(2).label()).isEqualTo("class-0");
        assertThat(classes.get(4).label()).isEqualTo("class-3");
        assertThat(classes.get(7).label()).isEqualTo("class-2");
        assertThat(classes.get(8).label()).isEqualTo("class-1");
        assertThat(classes.get(49).label()).isEqualTo("class-2");
        Map<String, Integer> counts = new TreeMap<>();
        classes.forEach(c -> counts.merge(c.label(), 1, Integer::sum));
        assertThat(counts)
                .containsExactlyEntriesOf(
                        new TreeMap<>(Map.of("class-0", 10, "class-1", 8, "class-2", 22, "class-3", 10)));
    }

    @Test
    void extremesKeepOnlyTheLatestPairsButCountEveryFrame() {
        for (int i = 0; i < 6; i++) {
            extremes.append(i, -i);
        }
        assertThat(extremes.frames()).isEqualTo(6);
        assertThat(extremes.latest()).extracting(BaselineExtremes.Pair::max).containsExactly(2L, 3L, 4L, 5L);
    }

    /** The default stages, which the profile's {@code @Primary} beans must win over. */
    @Configuration(proxyBeanMethods = false)
    static class DefaultStages {

        @Bean
        Detector detector() {
            return Detectors.create(DetectorProperties.defaults());
        }

        @Bean
        SizeEstimator sizeEstimator() {
            return SizeEstimators.create(SizingProperties.uncalibrated());
        }

        @Bean
        Classifier classifier() {
            return Classifiers.create(ClassifierProperties.defaults());
        }
    }

    @Test
    void baselineBeansReplaceTheDefaultStagesOnlyWithTheBaselineProfile() {
        ApplicationContextRunner runner =
                new ApplicationContextRunner().withUserConfiguration(DefaultStages.class, BaselineConfiguration.class);
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(BaselineExtremes.class);
            assertThat(context.getBean(Detector.class)).isNotInstanceOf(BaselineDetector.class);
        });
        runner.withInitializer(context -> context.getEnvironment().setActiveProfiles("baseline"))
                .run(context -> {
                    assertThat(context).hasSingleBean(BaselineExtremes.class);
                    assertThat(context.getBean(Detector.class)).isInstanceOf(BaselineDetector.class);
                    assertThat(context.getBean(SizeEstimator.class)).isInstanceOf(BaselineSizeEstimator.class);
                    assertThat(context.getBean(Classifier.class)).isInstanceOf(BaselineClassifier.class);
                });
    }
}
