package nc.esim.notification.customers;

import javax.sql.DataSource;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import nc.esim.support.customers.BindingReplica;
import nc.esim.support.kafka.RejectedRecords;
import nc.esim.support.problems.Problems;

/**
 * notification-service's copy of the customer bindings ({@link BindingReplica}): a customer token reads
 * the preferences and delivery log of its own eSIMs only ({@code CustomerScope}); another eSIM is a 404
 * whether it exists or not.
 */
@Singleton
public class CustomerBindings extends BindingReplica {
    public CustomerBindings(DataSource dataSource, RejectedRecords rejected) {
        super(dataSource, rejected, "");
    }

    @Override
    public Response notYours() {
        return Problems.response(404, "unknown-iccid", "Unknown ICCID", "No eSIM of yours has this ICCID").build();
    }
}
