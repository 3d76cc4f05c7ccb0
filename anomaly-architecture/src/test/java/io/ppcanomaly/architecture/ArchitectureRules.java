package io.ppcanomaly.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules of {@code ../shared/ARCHITECTURE.md}, written over package names so that they hold for every module
 * by its name, including modules that do not exist yet: module {@code anomaly-<x>} keeps its classes in package
 * {@code <root>.<x>} ({@code anomaly-benchmarks} in {@code <root>.bench}), as the house style says.
 *
 * <p>Each rule is built for a root package: {@code io.ppcanomaly} for the real classes ({@link ArchitectureTest}),
 * a fixture package with planted violations for the proof that each rule can fail
 * ({@link PlantedViolationsTest}).
 *
 * <h2>The layers</h2>
 * <pre>
 *   server, cli                    applications: nothing depends on them (the benchmarks may load-test the server)
 *   monitor
 *   notify                         notifications: the outbox SaveHook, dispatcher and notifiers
 *   store                          flink beside: may use store, service, api and providers; nothing uses it
 *   service
 *   forest streaming lstm ensemble rootcause   providers: api only; no provider on another
 *   api
 *   bench                          benchmarks: may use everything but the command line; nothing uses it
 * </pre>
 * A layer may use the layers below it, except that only flink and the benchmarks may use a provider: the service,
 * the store, the monitor and the applications find providers by name at run time.
 */
final class ArchitectureRules {

    /** The provider modules' packages. */
    static final List<String> PROVIDERS = List.of("forest", "streaming", "lstm", "ensemble", "rootcause");
    /** The applications' packages: runnable jars (and the benchmarks), which nothing may depend on. */
    static final List<String> APPLICATIONS = List.of("cli", "server", "bench");
    /** The server's runnable entry point, below the root package: it may print its start-up banner. */
    static final String SERVER_MAIN = "server.ServerMain";
    /** Packages allowed to write to the standard streams: the command line and the benchmarks. */
    static final List<String> CONSOLE = List.of("cli", "bench");
    /** Engines held to one module each, by the packages of their classes. */
    static final Map<String, List<String>> ENGINES = Map.of(
            "forest", List.of("smile.."),
            "lstm", List.of("org.deeplearning4j..", "org.nd4j.."));

    private ArchitectureRules() {
    }

    /** @return every module package the rules know, by module name: what {@link ModuleCoverageTest} checks */
    static Map<String, String> modulePackages() {
        Map<String, String> m = new TreeMap<>();
        for (String p : List.of("api", "forest", "streaming", "lstm", "ensemble", "rootcause", "service", "store",
                "notify", "monitor", "server", "cli", "flink")) {
            m.put("anomaly-" + p, p);
        }
        m.put("anomaly-benchmarks", "bench");
        return m;
    }

    private static String pkg(String root, String module) {
        return root + "." + module + "..";
    }

    private static String[] pkgs(String root, List<String> modules) {
        return modules.stream().map(m -> pkg(root, m)).toArray(String[]::new);
    }

    /**
     * Providers depend on {@code anomaly-api} only: of this project's classes, a provider's own and the API's; no
     * provider on another provider (their engines and other libraries are the other rules' business).
     */
    static ArchRule providersDependOnTheApiOnly(String root) {
        List<ArchRule> rules = new ArrayList<>();
        for (String p : PROVIDERS) {
            rules.add(classes().that().resideInAPackage(pkg(root, p))
                    .should().onlyDependOnClassesThat(resideOutsideOfPackage(root + "..")
                            .or(resideInAnyPackage(pkg(root, "api"), pkg(root, p))))
                    .as("classes of provider '" + p + "' should depend on the API only, of this project's classes")
                    .allowEmptyShould(true));
        }
        return CompositeArchRule.of(rules).as("providers depend on anomaly-api only; no provider on another");
    }

    /** Smile only in {@code anomaly-forest} (and the benchmarks, which compare against it). */
    static ArchRule smileOnlyInTheForest(String root) {
        return engineOnlyIn(root, "forest");
    }

    /** DeepLearning4j and ND4J only in {@code anomaly-lstm} (and the benchmarks). */
    static ArchRule deepLearning4jOnlyInTheLstm(String root) {
        return engineOnlyIn(root, "lstm");
    }

    private static ArchRule engineOnlyIn(String root, String module) {
        String[] engine = ENGINES.get(module).toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages(pkg(root, module), pkg(root, "bench"))
                .should().dependOnClassesThat().resideInAnyPackage(engine)
                .as(String.join(" and ", ENGINES.get(module)) + " only in anomaly-" + module
                        + " (and the benchmarks)");
    }

    /** Nothing depends on {@code anomaly-cli}, {@code anomaly-server} or {@code anomaly-benchmarks}. */
    static ArchRule nothingDependsOnTheApplications(String root) {
        List<ArchRule> rules = new ArrayList<>();
        for (String app : APPLICATIONS) {
            // the benchmarks drive the embeddable server in their load run; nothing else may know it
            String[] users = app.equals("server") ? new String[] {pkg(root, app), pkg(root, "bench")}
                    : new String[] {pkg(root, app)};
            rules.add(noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(users)
                    .should().dependOnClassesThat().resideInAPackage(pkg(root, app))
                    .as("nothing should depend on '" + app + "'"
                            + (app.equals("server") ? " but the benchmarks' load run" : "")));
        }
        return CompositeArchRule.of(rules).as("nothing depends on anomaly-cli, anomaly-server or anomaly-benchmarks");
    }

    /**
     * Lower layers never know upper ones: api &lt; providers &lt; service &lt; store &lt; notify &lt; monitor &lt; server, cli;
     * flink beside (above the store, used by nothing); the benchmarks above all but the applications. Only flink
     * and the benchmarks compile against a provider: everything else finds providers by name.
     */
    static ArchRule lowerLayersNeverKnowUpperOnes(String root) {
        return Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("api").definedBy(pkg(root, "api"))
                .layer("providers").definedBy(pkgs(root, PROVIDERS))
                .layer("service").definedBy(pkg(root, "service"))
                .layer("store").definedBy(pkg(root, "store"))
                .layer("notify").definedBy(pkg(root, "notify"))
                .layer("monitor").definedBy(pkg(root, "monitor"))
                .layer("server").definedBy(pkg(root, "server"))
                .layer("cli").definedBy(pkg(root, "cli"))
                .layer("flink").definedBy(pkg(root, "flink"))
                .layer("bench").definedBy(pkg(root, "bench"))
                .whereLayer("providers").mayOnlyBeAccessedByLayers("flink", "bench")
                .whereLayer("service").mayOnlyBeAccessedByLayers("store", "notify", "monitor", "server", "cli", "flink",
                        "bench")
                .whereLayer("store").mayOnlyBeAccessedByLayers("notify", "monitor", "server", "cli", "flink", "bench")
                .whereLayer("notify").mayOnlyBeAccessedByLayers("monitor", "server", "cli", "bench")
                .whereLayer("monitor").mayOnlyBeAccessedByLayers("server", "cli", "bench")
                .whereLayer("flink").mayOnlyBeAccessedByLayers("bench")
                .whereLayer("server").mayOnlyBeAccessedByLayers("bench")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("bench").mayNotBeAccessedByAnyLayer()
                .as("lower layers never know upper ones (api < providers < service < store < notify < monitor < server, cli;"
                        + " flink beside); only flink and the benchmarks use a provider directly");
    }

    /**
     * Library modules log through SLF4J: no {@code System.out}, {@code System.err} or
     * {@code printStackTrace()} outside the command line, the benchmarks and the server's runnable entry point
     * ({@value #SERVER_MAIN}, which prints the URL and the generated admin key of the one-command start; the
     * embeddable server itself logs).
     */
    static ArchRule librariesDoNotWriteToTheConsole(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(pkgs(root, CONSOLE))
                .and().doNotHaveFullyQualifiedName(root + "." + SERVER_MAIN)
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .as("library modules log through SLF4J: no System.out, System.err or printStackTrace outside "
                        + String.join(" and ", CONSOLE) + " and the server's main class");
    }

    /** @return every rule, for the root package */
    static List<ArchRule> all(String root) {
        return List.of(providersDependOnTheApiOnly(root), smileOnlyInTheForest(root), deepLearning4jOnlyInTheLstm(root),
                nothingDependsOnTheApplications(root), lowerLayersNeverKnowUpperOnes(root),
                librariesDoNotWriteToTheConsole(root));
    }
}
