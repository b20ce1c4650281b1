package nc.esim.billing.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaFieldAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import org.junit.jupiter.api.Test;

import nc.esim.billing.orders.CustomerOrder;
import nc.esim.billing.subscriptions.Subscription;

/**
 * A subscription and an order change only through their own methods, which keep their rules (a renewal
 * stacks validity and counts toward the loyalty discount once per period, a confirmation settles an order
 * after its grant): no class outside the entity's package writes one of its fields.
 */
class EntityRulesTest {
    @Test
    void noClassOutsideTheirPackageWritesAFieldOfASubscriptionOrAnOrder() {
        for (Class<?> entity : List.of(Subscription.class, CustomerOrder.class)) {
            noClasses().that().resideOutsideOfPackage(entity.getPackageName())
                    .should().setFieldWhere(target(owner(equivalentTo(entity))))
                    .because(entity.getSimpleName() + " is changed through its methods")
                    .check(PackageDependenciesTest.BILLING);
        }
    }
}
