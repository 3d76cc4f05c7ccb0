package io.ppcanomaly.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.ViolationHandler;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link ArchitectureRules} fails for the violations planted in the fixture package, and for those
 * only: a rule that cannot fail, or that fires on code keeping it, would prove nothing in {@link ArchitectureTest}.
 */
class PlantedViolationsTest {

    private static final String ROOT = "io.ppcanomaly.architecture.fixture";
    private static JavaClasses fixture;

    @BeforeAll
    static void importTheFixture() {
        fixture = new ClassFileImporter().importPackages(ROOT);
        assertThat(fixture.stream().map(c -> c.getPackageName().substring(ROOT.length())).distinct())
                .as("the fixture has a package per module").hasSizeGreaterThanOrEqualTo(13);
    }

    /** @return the simple names of the classes whose code breaks the rule */
    private static Set<String> offenders(ArchRule rule) {
        EvaluationResult result = rule.evaluate(fixture);
        Set<String> out = new TreeSet<>();
        result.handleViolations(new ViolationHandler<Dependency>() {
            @Override
            public void handle(Collection<Dependency> violating, String message) {
                violating.forEach(d -> out.add(d.getOriginClass().getSimpleName()));
            }
        });
        result.handleViolations(new ViolationHandler<JavaAccess<?>>() {
            @Override
            public void handle(Collection<JavaAccess<?>> violating, String message) {
                violating.forEach(a -> out.add(a.getOriginOwner().getSimpleName()));
            }
        });
        assertThat(result.hasViolation()).as("%s reports a violation", rule.getDescription())
                .isEqualTo(!out.isEmpty());
        return out;
    }

    @Test
    void aProviderUsingAnotherProviderBreaksTheApiOnlyRule() {
        assertThat(offenders(ArchitectureRules.providersDependOnTheApiOnly(ROOT))).containsExactly("ForestUsesLstm");
    }

    @Test
    void smileOutsideTheForestAndTheBenchmarksBreaksItsRule() {
        assertThat(offenders(ArchitectureRules.smileOnlyInTheForest(ROOT))).containsExactly("StreamingUsesSmile");
    }

    @Test
    void nd4jOutsideTheLstmAndTheBenchmarksBreaksItsRule() {
        assertThat(offenders(ArchitectureRules.deepLearning4jOnlyInTheLstm(ROOT))).containsExactly("EnsembleUsesNd4j");
    }

    @Test
    void dependingOnTheCommandLineOrTheBenchmarksBreaksItsRule() {
        assertThat(offenders(ArchitectureRules.nothingDependsOnTheApplications(ROOT)))
                .containsExactly("ServerUsesCli", "ServiceUsesBench");
    }

    @Test
    void aLowerLayerUsingAnUpperOneOrAnythingButFlinkUsingAProviderBreaksTheLayering() {
        assertThat(offenders(ArchitectureRules.lowerLayersNeverKnowUpperOnes(ROOT))).containsExactly(
                "ApiKnowsService", "ServerUsesCli", "ServiceUsesBench", "ServiceUsesForest", "StoreUsesMonitor");
    }

    @Test
    void printingOrPrintStackTraceInALibraryBreaksItsRule() {
        // the fixture's server.ServerMain prints too, as the one-command start's entry point may
        assertThat(offenders(ArchitectureRules.librariesDoNotWriteToTheConsole(ROOT)))
                .containsExactly("RootCausePrints", "RootCausePrintsStackTraces", "ServerPrints");
    }

    @Test
    void everyRuleHasItsPlantedViolation() {
        for (ArchRule rule : ArchitectureRules.all(ROOT)) {
            assertThat(offenders(rule)).as(rule.getDescription()).isNotEmpty();
        }
    }
}
