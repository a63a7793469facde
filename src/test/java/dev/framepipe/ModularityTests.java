package dev.framepipe;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
        noClasses().that().resideInAnyPackage("..frame..", "..detection..", "..sizing..", "..classification..")
                .should().dependOnClassesThat().resideInAnyPackage("..pipeline..", "..stats..", "..web..", "..ops..")
                .check(CLASSES);
    }

    @Test
    void thePipelineAndStatsNeverDependOnWebOrOps() {
        noClasses().that().resideInAnyPackage("..pipeline..", "..stats..")
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "..ops..")
                .check(CLASSES);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.framepipe.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
