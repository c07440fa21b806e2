package io.oidcgateway.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of gateway-core (README, "Architecture"): a servlet filter with no Jetty
 * in it, configuration that depends on nothing of ours, sessions and the IdP client that
 * never reach back into the filter, and no cycles.
 */
@AnalyzeClasses(packages = "io.oidcgateway", importOptions = ImportOption.DoNotIncludeTests.class)
class CorePackageRulesTest {

    @ArchTest
    static final ArchRule coreImportsNoJetty = noClasses().should().dependOnClassesThat()
            .resideInAPackage("org.eclipse.jetty..")
            .because("gateway-core is a plain servlet filter that runs in any servlet container");

    @ArchTest
    static final ArchRule configImportsNothingOfOurs = noClasses().that().resideInAPackage("io.oidcgateway.config..")
            .should().dependOnClassesThat(resideInAPackage("io.oidcgateway..")
                    .and(resideOutsideOfPackage("io.oidcgateway.config..")))
            .because("configuration is plain values; what loads them (keys) lives with its user");

    @ArchTest
    static final ArchRule sessionAndOidcNeverImportTheFilter = noClasses()
            .that().resideInAnyPackage("io.oidcgateway.session..", "io.oidcgateway.oidc..")
            .should().dependOnClassesThat().resideInAPackage("io.oidcgateway.filter..")
            .because("the filter uses sessions and the IdP client, never the other way round");

    @ArchTest
    static final ArchRule onlyTheFilterKnowsTheServletApi = noClasses()
            .that().resideOutsideOfPackages("io.oidcgateway.filter..")
            .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
            .because("everything below the filter is usable without a request");

    @ArchTest
    static final ArchRule noCycles = slices().matching("io.oidcgateway.(*)..").should().beFreeOfCycles();
}
