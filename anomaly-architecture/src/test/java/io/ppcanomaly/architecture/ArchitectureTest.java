package io.ppcanomaly.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * {@code ../shared/ARCHITECTURE.md}'s rules over the main classes of every module ({@link ArchitectureRules}).
 * A failure names the rule and each offending dependency with its source line.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String ROOT = "io.ppcanomaly";

    @ArchTest
    static final ArchRule providersDependOnTheApiOnly = ArchitectureRules.providersDependOnTheApiOnly(ROOT);

    @ArchTest
    static final ArchRule smileOnlyInTheForest = ArchitectureRules.smileOnlyInTheForest(ROOT);

    @ArchTest
    static final ArchRule deepLearning4jOnlyInTheLstm = ArchitectureRules.deepLearning4jOnlyInTheLstm(ROOT);

    @ArchTest
    static final ArchRule nothingDependsOnTheApplications = ArchitectureRules.nothingDependsOnTheApplications(ROOT);

    @ArchTest
    static final ArchRule lowerLayersNeverKnowUpperOnes = ArchitectureRules.lowerLayersNeverKnowUpperOnes(ROOT);

    @ArchTest
    static final ArchRule librariesDoNotWriteToTheConsole = ArchitectureRules.librariesDoNotWriteToTheConsole(ROOT);
}
