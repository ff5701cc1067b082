package dev.mnemo.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, checked on the compiled classes of every module of the build (read from
 * their {@code target/classes}, so the frameworks of the integrations need not be on this
 * module's class path): only core uses core's internal packages, a module's {@code internal}
 * package is used by that module alone, and no import circle crosses a package.
 */
class ArchitectureTest {

    /** Every module whose classes are checked, relative to this module. */
    private static final List<String> MODULES = List.of("core", "store-memory", "store-redis", "store-firestore",
            "analytics", "testkit", "integrations/langchain4j", "integrations/spring-ai",
            "integrations/spring-boot-starter", "integrations/adk", "examples", "benchmarks");
    /** The packages of every module but core. */
    private static final String[] OUTSIDE_CORE = {"dev.mnemo.store..", "dev.mnemo.analytics..", "dev.mnemo.testkit..",
            "dev.mnemo.langchain4j..", "dev.mnemo.springai..", "dev.mnemo.spring..", "dev.mnemo.adk..",
            "dev.mnemo.examples..", "dev.mnemo.benchmarks.."};

    private static final JavaClasses CLASSES = new ClassFileImporter().importPaths(MODULES.stream()
            .map(module -> Path.of("..", module, "target", "classes"))
            .peek(path -> {
                if (!Files.isDirectory(path)) {
                    throw new IllegalStateException(path + " is not built: run the whole reactor (mvn verify)");
                }
            }).toList());

    @Test
    void onlyCoreUsesCoreInternals() {
        ArchRule rule = noClasses().that().resideInAnyPackage(OUTSIDE_CORE)
                .should().dependOnClassesThat().resideInAnyPackage("dev.mnemo.internal..", "dev.mnemo.summary.internal..")
                .because("plugins build on the published API and dev.mnemo.spi.support, which core may not break");
        rule.check(CLASSES);
    }

    @Test
    void aModulesInternalPackagesAreUsedByThatModuleAlone() {
        List<String> violations = new ArrayList<>();
        for (JavaClass target : CLASSES) {
            if (!(target.getPackageName() + ".").contains(".internal.")) {
                continue;
            }
            for (Dependency dependency : target.getDirectDependenciesToSelf()) {
                if (!module(dependency.getOriginClass()).equals(module(target))) {
                    violations.add(dependency.getDescription());
                }
            }
        }
        assertThat(violations).as("uses of a module's internal package from another module").isEmpty();
    }

    @Test
    void noImportCircleCrossesAPackage() {
        List<Set<String>> circles = new ArrayList<>();
        for (Set<JavaClass> component : new Components(CLASSES).strong()) {
            Set<String> packages = new TreeSet<>();
            component.forEach(type -> packages.add(type.getPackageName()));
            if (packages.size() > 1) {
                Set<String> names = new TreeSet<>();
                component.forEach(type -> names.add(type.getName()));
                circles.add(names);
            }
        }
        assertThat(circles).as("classes that import each other, in a circle, across packages").isEmpty();
    }

    @Test
    void theChecksSeeEveryModule() {
        Set<String> seen = new TreeSet<>();
        CLASSES.forEach(type -> seen.add(module(type)));
        assertThat(seen).containsAll(MODULES);
    }

    /** @return the module whose {@code target/classes} a class was read from, or "" for a library's */
    private static String module(JavaClass type) {
        String source = type.getSource().map(found -> found.getUri().toString()).orElse("");
        return MODULES.stream().filter(module -> source.contains("/" + module + "/target/classes/")).findFirst().orElse("");
    }

    /** The strongly connected components of the dependencies between top-level classes (Tarjan). */
    private static final class Components {
        private final Map<JavaClass, List<JavaClass>> edges = new HashMap<>();
        private final Map<JavaClass, Integer> index = new HashMap<>();
        private final Map<JavaClass, Integer> low = new HashMap<>();
        private final Deque<JavaClass> stack = new ArrayDeque<>();
        private final Set<JavaClass> onStack = new java.util.HashSet<>();
        private final List<Set<JavaClass>> components = new ArrayList<>();

        Components(JavaClasses classes) {
            for (JavaClass type : classes) {
                JavaClass from = topLevel(type);
                List<JavaClass> to = edges.computeIfAbsent(from, key -> new ArrayList<>());
                type.getDirectDependenciesFromSelf().stream().map(Dependency::getTargetClass)
                        .map(Components::topLevel)
                        .filter(target -> target != from && target.getPackageName().startsWith("dev.mnemo"))
                        .filter(target -> classes.contain(target.getName()))
                        .forEach(to::add);
            }
        }

        private static JavaClass topLevel(JavaClass type) {
            JavaClass outer = type;
            while (outer.getEnclosingClass().isPresent()) {
                outer = outer.getEnclosingClass().get();
            }
            return outer;
        }

        List<Set<JavaClass>> strong() {
            for (JavaClass node : List.copyOf(edges.keySet())) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return components;
        }

        private void visit(JavaClass node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            for (JavaClass next : edges.getOrDefault(node, List.of())) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<JavaClass> component = new java.util.HashSet<>();
                JavaClass member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (member != node);
                components.add(component);
            }
        }
    }
}
