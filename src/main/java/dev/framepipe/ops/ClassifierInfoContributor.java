package dev.framepipe.ops;

import dev.framepipe.classification.Classifier;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** Adds the active classifier model's identity to {@code /actuator/info} under {@code classifier}. */
class ClassifierInfoContributor implements InfoContributor {

    private final Classifier classifier;

    ClassifierInfoContributor(Classifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public void contribute(Info.Builder builder) {
        try {
            builder.withDetail("classifier", classifier.model());
        } catch (IllegalStateException notLoadedYet) {
            builder.withDetail("classifier", java.util.Map.of("state", "loading"));
        }
    }
}
