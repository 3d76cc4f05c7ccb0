package io.ppcanomaly.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the rules covering every module as modules are added: each module of the root POM that has main code must
 * be a dependency of this one (so its classes are checked), and must be one the rules place in a layer (so they
 * say something about it).
 */
class ModuleCoverageTest {

    /** Modules with no main code of their own to check. */
    private static final Set<String> NO_CODE = Set.of("anomaly-bom", "anomaly-architecture");

    private static List<String> modules;
    /** The classes of the project on this module's test class path, main code only: what the rules see. */
    private static Set<String> classes;

    @BeforeAll
    static void readTheRootPom() throws IOException {
        // surefire runs in the module's directory; the reactor's root POM is one level up
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1).trim());
        }
        classes = mainClassesOnTheClassPath(ArchitectureTest.ROOT.replace('.', '/'));
    }

    /** Lists class names under a package in every class path entry, leaving out test classes and test jars. */
    private static Set<String> mainClassesOnTheClassPath(String path) throws IOException {
        Set<String> out = new TreeSet<>();
        Enumeration<URL> roots = ModuleCoverageTest.class.getClassLoader().getResources(path);
        while (roots.hasMoreElements()) {
            URL url = roots.nextElement();
            String where = url.toString();
            if (where.contains("/test-classes/") || where.contains("-tests.jar!")) {
                continue;
            }
            if (url.getProtocol().equals("jar")) {
                Path file;
                try {
                    file = Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
                } catch (URISyntaxException e) {
                    throw new IOException(e);
                }
                try (JarFile jar = new JarFile(file.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String name = e.nextElement().getName();
                        if (name.startsWith(path + "/") && name.endsWith(".class")) {
                            out.add(name.substring(0, name.length() - 6).replace('/', '.'));
                        }
                    }
                }
            } else {
                Path dir;
                try {
                    dir = Path.of(url.toURI());
                } catch (URISyntaxException e) {
                    throw new IOException(e);
                }
                Path base = dir.getParent().getParent(); // io/ppcanomaly -> the class path root
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                        String rel = base.relativize(f).toString().replace('\\', '/');
                        out.add(rel.substring(0, rel.length() - 6).replace('/', '.'));
                    });
                }
            }
        }
        return out;
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    @Test
    void everyModuleOfTheBuildIsOneTheRulesPlace() {
        assertThat(modules).contains("anomaly-api", "anomaly-architecture");
        Map<String, String> known = ArchitectureRules.modulePackages();
        for (String module : modules) {
            if (!NO_CODE.contains(module)) {
                assertThat(known).as("module %s has no place in ArchitectureRules: give it a layer there and in "
                        + "../shared/ARCHITECTURE.md", module).containsKey(module);
            }
        }
    }

    @Test
    void everyModuleWithCodeIsOnTheClassPathOfTheRules() {
        Map<String, String> known = ArchitectureRules.modulePackages();
        Set<String> present = new TreeSet<>();
        for (String c : classes) {
            present.add(packageOf(c));
        }
        for (String module : modules) {
            if (NO_CODE.contains(module) || !Files.isDirectory(Path.of("..", module, "src", "main", "java"))) {
                continue;
            }
            String pkg = ArchitectureTest.ROOT + "." + known.get(module);
            assertThat(present).as("no class of %s (package %s) reached the architecture tests: add %s as a "
                    + "test dependency of anomaly-architecture", module, pkg, module)
                    .anyMatch(p -> p.equals(pkg) || p.startsWith(pkg + "."));
        }
    }

    @Test
    void everyClassOfTheProjectLivesInAModulesPackage() {
        Set<String> roots = new TreeSet<>(ArchitectureRules.modulePackages().values());
        Set<String> strays = new TreeSet<>();
        for (String c : classes) {
            String pkg = packageOf(c);
            String rest = pkg.substring(Math.min(pkg.length(), ArchitectureTest.ROOT.length() + 1));
            String first = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
            if (!roots.contains(first)) {
                strays.add(c);
            }
        }
        assertThat(strays).as("classes outside every module package %s: the rules do not see them", roots).isEmpty();
    }
}
