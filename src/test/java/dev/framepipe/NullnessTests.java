package dev.framepipe;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/** Nullness is stated in the types: every production package is {@code @NullMarked}. */
class NullnessTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.framepipe");

    @Test
    void everyProductionPackageIsNullMarked() {
        Set<String> unmarked = new TreeSet<>();
        for (JavaClass type : CLASSES) {
            String pkg = type.getPackageName();
            if (pkg.equals("dev.framepipe")) {
                continue; // only the application class lives at the root
            }
            Package runtime = type.reflect().getPackage();
            if (runtime == null || !runtime.isAnnotationPresent(NullMarked.class)) {
                unmarked.add(pkg);
            }
        }
        assertThat(unmarked)
                .as("packages without @NullMarked in package-info.java")
                .isEmpty();
    }
}
