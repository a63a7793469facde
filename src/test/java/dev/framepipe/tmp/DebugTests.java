package dev.framepipe.tmp;

import dev.framepipe.classification.*;
import dev.framepipe.detection.*;
import dev.framepipe.frame.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class DebugTests {
    @Test
    void debug() throws Exception {
        byte[] png = DebugTests.class.getResourceAsStream("/dev/framepipe/coins.png").readAllBytes();
        Frame frame = FrameDecoders.withDefaultLimits().decode(EncodedFrame.of(FrameFormat.PNG, png));
        Classifier classifier = Classifiers.create(ClassifierProperties.defaults());
        Detector detector = Detectors.create(DetectorProperties.defaults());
        StringBuilder sb = new StringBuilder();
        List<String> variants = List.of("", "threshold-method=local", "threshold-method=local&exclude-border=true", "threshold-method=local&local-window=251");
        for (String v : variants) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String kv : v.split("&")) if (!kv.isEmpty()) m.put(kv.split("=")[0], kv.split("=")[1]);
            DetectorOptions o = DetectorOverrides.parse(m).applyTo(DetectorOptions.defaults());
            Detection d = detector.detect(frame, o);
            List<Classification> cs = classifier.classify(d);
            int big = 0, round = 0; Map<String,Integer> labels = new TreeMap<>();
            for (int i = 0; i < d.objects().size(); i++) {
                if (d.objects().get(i).area() >= 150) { big++; labels.merge(cs.get(i).label(), 1, Integer::sum);
                  if (!"round".equals(cs.get(i).label())) sb.append("  ").append(d.objects().get(i).box()).append(" a=").append(d.objects().get(i).area()).append(" holes=").append(d.objects().get(i).holes()).append(" ").append(cs.get(i).label()).append("\n"); }
            }
            sb.append(v).append(": n=").append(d.objects().size()).append(" big=").append(big).append(" ").append(labels)
              .append(" level=").append(d.threshold()).append(" ").append(d.polarity()).append(d.polarityRule()).append("\n");
        }
        throw new AssertionError(sb.toString());
    }
}
