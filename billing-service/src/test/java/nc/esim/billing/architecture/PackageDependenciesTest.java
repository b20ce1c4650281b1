package nc.esim.billing.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * billing-service's feature packages depend on each other one way (the order is drawn in the service's
 * README): a cycle, or a lower package reaching up, fails the build.
 */
class PackageDependenciesTest {
    /** billing-service's own classes, tests left out; {@link EntityRulesTest} checks them too. */
    static final JavaClasses BILLING = new ClassFileImporter()
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

    /** The rows of the drawing in the service's README, top first. */
    private static final List<List<String>> ROWS = List.of(
            List.of("inputs"),
            List.of("payments"),
            List.of("accounts", "lifecycle"),
            List.of("renewal", "addons", "consent", "advice"),
            List.of("sales", "promotions"),
            List.of("orders"),
            List.of("catalog"),
            List.of("pricing"),
            List.of("subscriptions"));

    /** Used by the rows, using none of them. */
    private static final List<String> INFRASTRUCTURE = List.of("idempotency", "outbox", "metrics", "reports");

    @Test
    void eachRowUsesOnlyTheRowsBelowIt() {
        for (int row = 0; row < ROWS.size(); row++) {
            for (String feature : ROWS.get(row)) {
                List<String> aboveOrBeside = new ArrayList<>();
                for (int other = 0; other <= row; other++) {
                    ROWS.get(other).stream().filter(p -> !p.equals(feature)).forEach(aboveOrBeside::add);
                }
                if (!aboveOrBeside.isEmpty()) {
                    noClasses().that().resideInAPackage(packageOf(feature)).should().dependOnClassesThat()
                            .resideInAnyPackage(aboveOrBeside.stream().map(PackageDependenciesTest::packageOf).toArray(String[]::new))
                            .check(BILLING);
                }
            }
        }
    }

    @Test
    void theInfrastructureUsesNoFeature() {
        String[] features = ROWS.stream().flatMap(List::stream).map(PackageDependenciesTest::packageOf).toArray(String[]::new);
        noClasses().that().resideInAnyPackage(INFRASTRUCTURE.stream().map(PackageDependenciesTest::packageOf).toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(features).check(BILLING);
    }

    @Test
    void everyPackageIsInTheDrawing() {
        Set<String> drawn = new HashSet<>(INFRASTRUCTURE);
        ROWS.forEach(drawn::addAll);
        Set<String> packages = new TreeSet<>();
        BILLING.forEach(c -> {
            String name = c.getPackageName();
            if (name.startsWith("nc.esim.billing.")) {
                packages.add(name.substring("nc.esim.billing.".length()).split("\\.")[0]);
            }
        });
        assertThat(packages).isSubsetOf(drawn);
    }

    private static String packageOf(String feature) {
        return "nc.esim.billing." + feature + "..";
    }
}
