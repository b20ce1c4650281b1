package nc.esim.billing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * billing-service's feature packages depend on each other one way (the order is drawn in the service's
 * README): a cycle, or a lower package reaching up, fails the build.
 */
class PackageDependenciesTest {
    private static final JavaClasses BILLING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nc.esim.billing");

    @Test
    void theFeaturePackagesHaveNoCycle() {
        slices().matching("nc.esim.billing.(*)..").should().beFreeOfCycles().check(BILLING);
    }

    @Test
    void theConfigurationDependsOnNoFeature() {
        noClasses().that().resideInAPackage("nc.esim.billing").should().dependOnClassesThat()
                .resideInAPackage("nc.esim.billing.*..").check(BILLING);
    }

    @Test
    void theSubscriptionCoreKnowsNothingOfOrdersOrSales() {
        noClasses().that().resideInAnyPackage("nc.esim.billing.subscriptions..", "nc.esim.billing.pricing..",
                        "nc.esim.billing.catalog..")
                .should().dependOnClassesThat().resideInAnyPackage("nc.esim.billing.orders..", "nc.esim.billing.sales..",
                        "nc.esim.billing.renewal..", "nc.esim.billing.addons..", "nc.esim.billing.payments..",
                        "nc.esim.billing.lifecycle..")
                .check(BILLING);
    }
}
