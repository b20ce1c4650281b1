package nc.esim.usage.customers;

import javax.sql.DataSource;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import nc.esim.support.customers.BindingReplica;
import nc.esim.support.kafka.RejectedRecords;
import nc.esim.support.problems.Problems;

/**
 * usage-service's copy of the customer bindings ({@link BindingReplica}): a customer token reads the summary,
 * daily breakdown and records of its own eSIMs only ({@code CustomerScope}); another eSIM is the same 404 as
 * an ICCID usage-service never heard of. A changed binding has its balance read and sent again at once.
 */
@Singleton
public class CustomerBindings extends BindingReplica {
    public CustomerBindings(DataSource dataSource, RejectedRecords rejected) {
        super(dataSource, rejected, "balance_checked_at = null, balance_sent = null");
    }

    @Override
    public Response notYours() {
        return Problems.response(404, "unknown-iccid", "Unknown ICCID",
                "No subscription and no usage are known for this ICCID").build();
    }
}
