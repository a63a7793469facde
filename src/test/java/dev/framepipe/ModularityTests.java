package dev.framepipe;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package layout reads like the pipeline: stages know nothing of the service around them. */
class ModularityTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.framepipe");

    @Test
    void stagesNeverDependOnThePipelineStatsWebOrOps() {
        noClasses()
                .that()
                .resideInAnyPackage("..frame..", "..detection..", "..sizing..", "..classification..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..pipeline..", "..stats..", "..web..", "..ops..")
                .check(CLASSES);
    }

    /**
     * The two middle stages are peers that run at the same time on the detector's output: neither
     * reaches into the other, and the detector knows neither. What they share (hulls, moment
     * ellipses) lives in {@code geometry}; their one input is the detection's records.
     */
    @Test
    void stagesNeverDependOnAnotherStage() {
        noClasses()
                .that()
                .resideInAPackage("..sizing..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..classification..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("..classification..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..sizing..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("..detection..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..sizing..", "..classification..")
                .check(CLASSES);
    }

    @Test
    void sharedGeometryDependsOnNoStage() {
        noClasses()
                .that()
                .resideInAPackage("..geometry..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..detection..",
                        "..sizing..",
                        "..classification..",
                        "..pipeline..",
                        "..stats..",
                        "..web..",
                        "..ops..",
                        "..frame..")
                .check(CLASSES);
    }

    @Test
    void thePipelineAndStatsNeverDependOnWebOrOps() {
        noClasses()
                .that()
                .resideInAnyPackage("..pipeline..", "..stats..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..web..", "..ops..")
                .check(CLASSES);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.framepipe.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
