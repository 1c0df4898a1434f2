package com.astradesk.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.properties.HasModifiers;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Architecture rules of {@code astradesk-core}, reusable from other modules through core's test jar. The public
 * API (every public type outside {@code ..internal..} and the optional {@code core.store..} adapters) must not
 * show vendor or internal types in what a caller sees: supertypes, public/protected fields, constructors and
 * methods (return, parameter and throws types, including generic arguments). Using them inside method bodies
 * is fine.
 */
public final class CoreArchitectureRules {
    /** Packages whose types must never appear in core's public API. */
    public static final List<String> VENDOR_PACKAGES = List.of(
            "com.fasterxml.jackson..", "io.javalin..", "redis.clients..", "io.nats..", "org.jdbi..", "com.networknt..");

    private CoreArchitectureRules() {}

    /** Core's public API types: public (also when nested) and outside internal and adapter packages. */
    public static final DescribedPredicate<JavaClass> PUBLIC_API =
            DescribedPredicate.describe("public API types of astradesk-core", CoreArchitectureRules::isPublicApiType);

    /** No vendor type (Jackson, Javalin, Jedis, NATS, Jdbi, networknt) in any public API signature. */
    public static ArchRule noVendorTypesInPublicApi() {
        return classes()
                .that(PUBLIC_API)
                .should(notExposeTypesIn("vendor packages " + VENDOR_PACKAGES, VENDOR_PACKAGES))
                .allowEmptyShould(true);
    }

    /** No {@code ..internal..} type in any public API signature: callers must never need one. */
    public static ArchRule noInternalTypesInPublicApi() {
        return classes()
                .that(PUBLIC_API)
                .should(notExposeTypesIn("core internal packages", List.of("com.astradesk.core..internal..")))
                .allowEmptyShould(true);
    }

    /** Code outside core (other modules, applications) must not use core's internal packages. */
    public static ArchRule noUseOfCoreInternalsOutsideCore() {
        return noClasses()
                .that()
                .resideOutsideOfPackage("com.astradesk.core..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.astradesk.core..internal..")
                .allowEmptyShould(true);
    }

    /**
     * No dependency cycle between the feature packages under {@code rootPackage}: each package together with its
     * {@code internal} sub-packages is one slice ({@code core.tool} + {@code core.tool.internal}, ...), so the
     * interface-with-{@code builder()} style (API creates its internal implementation) is allowed, while a cycle
     * such as {@code tool} ↔ {@code policy} or {@code server} ({@code Main}) ↔ {@code server.cli} is not.
     *
     * @param rootPackage the module's package root
     * @param exempt      packages (with their sub-packages) left out of the check, each a documented exception
     */
    public static ArchRule noCyclesBetweenFeaturePackages(String rootPackage, String... exempt) {
        return SlicesRuleDefinition.slices()
                .assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass c) {
                        String pkg = c.getPackageName();
                        if (!pkg.equals(rootPackage) && !pkg.startsWith(rootPackage + ".")) {
                            return SliceIdentifier.ignore();
                        }
                        for (String e : exempt) {
                            if (pkg.equals(e) || pkg.startsWith(e + ".")) {
                                return SliceIdentifier.ignore();
                            }
                        }
                        return SliceIdentifier.of(pkg.replaceAll("(\\.internal)+(?=\\.|$)", ""));
                    }

                    @Override
                    public String getDescription() {
                        return "packages of " + rootPackage + " (each with its internal sub-packages"
                                + (exempt.length == 0 ? "" : "; not " + String.join(", ", exempt)) + ")";
                    }
                })
                .should()
                .beFreeOfCycles();
    }

    /** The main classes of the module holding {@code anyMainClass} (its jar or target/classes), not its tests. */
    public static JavaClasses mainClassesOf(Class<?> anyMainClass) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importUrl(anyMainClass.getProtectionDomain().getCodeSource().getLocation());
    }

    private static boolean isPublicApiType(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith("com.astradesk.core")
                || pkg.contains(".internal")
                || pkg.startsWith("com.astradesk.core.store")) {
            return false;
        }
        for (Optional<JavaClass> k = Optional.of(c); k.isPresent(); k = k.get().getEnclosingClass()) {
            if (!k.get().getModifiers().contains(JavaModifier.PUBLIC) || k.get().isAnonymousClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(HasModifiers member) {
        var mods = member.getModifiers();
        return (mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED))
                && !mods.contains(JavaModifier.SYNTHETIC)
                && !mods.contains(JavaModifier.BRIDGE);
    }

    private static ArchCondition<JavaClass> notExposeTypesIn(String what, List<String> packages) {
        return new ArchCondition<>("not expose types of " + what + " in public signatures") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<String> leaks = new ArrayList<>();
                c.getRawSuperclass().ifPresent(s -> collect(leaks, "extends", List.of(s), packages));
                for (JavaType i : c.getInterfaces()) {
                    collect(leaks, "implements", i.getAllInvolvedRawTypes(), packages);
                }
                for (JavaField f : c.getFields()) {
                    if (visible(f)) {
                        collect(leaks, "field " + f.getName(), f.getType().getAllInvolvedRawTypes(), packages);
                    }
                }
                List<JavaCodeUnit> units = new ArrayList<>(c.getMethods());
                units.addAll(c.getConstructors());
                for (JavaCodeUnit u : units) {
                    if (!visible(u)) {
                        continue;
                    }
                    String where = u.getName() + "(...)";
                    collect(leaks, where + " returns", u.getReturnType().getAllInvolvedRawTypes(), packages);
                    for (JavaType p : u.getParameterTypes()) {
                        collect(leaks, where + " takes", p.getAllInvolvedRawTypes(), packages);
                    }
                    for (var t : u.getThrowsClause()) {
                        collect(leaks, where + " throws", java.util.Set.of(t.getRawType()), packages);
                    }
                }
                for (String leak : leaks) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " " + leak));
                }
            }
        };
    }

    private static void collect(
            List<String> leaks, String where, java.util.Collection<JavaClass> types, List<String> packages) {
        for (JavaClass t : types) {
            JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
            if (packages.stream()
                    .anyMatch(p -> com.tngtech.archunit.core.domain.PackageMatcher.of(p)
                            .matches(base.getPackageName()))) {
                leaks.add(where + " " + base.getName());
            }
        }
    }
}
