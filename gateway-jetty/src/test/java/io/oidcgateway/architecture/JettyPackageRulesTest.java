package io.oidcgateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of the whole product (README, "Architecture"): the demo IdP and upstream
 * are started only by the command line, never imported by the server, the proxy or the
 * filter; nothing depends on the command line; no cycles anywhere.
 */
@AnalyzeClasses(packages = "io.oidcgateway", importOptions = {ImportOption.DoNotIncludeTests.class,
        JettyPackageRulesTest.NoTestJars.class})
class JettyPackageRulesTest {

    /** gateway-core's test fixtures arrive as a test-jar, which the default option does not recognise. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    @ArchTest
    static final ArchRule demoIsNotPartOfTheProduct = noClasses()
            .that().resideOutsideOfPackages("io.oidcgateway.demo..", "io.oidcgateway.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.oidcgateway.demo..")
            .because("the demo IdP and upstream only serve ./run.sh on a fresh machine and the tests");

    @ArchTest
    static final ArchRule nothingDependsOnTheCommandLine = noClasses()
            .that().resideOutsideOfPackage("io.oidcgateway.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.oidcgateway.cli..");

    @ArchTest
    static final ArchRule theCoreKnowsNoJetty = noClasses()
            .that().resideInAnyPackage("io.oidcgateway.config..", "io.oidcgateway.clientauth..",
                    "io.oidcgateway.oidc..", "io.oidcgateway.session..", "io.oidcgateway.filter..",
                    "io.oidcgateway.http..", "io.oidcgateway.metrics..", "io.oidcgateway.diagnostics..")
            .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..");

    @ArchTest
    static final ArchRule noCycles = slices().matching("io.oidcgateway.(*)..").should().beFreeOfCycles();
}
