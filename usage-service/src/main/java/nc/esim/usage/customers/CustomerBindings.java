package nc.esim.usage.customers;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.clients.consumer.ConsumerRecords;

import nc.esim.support.customers.BindingReplica;
import nc.esim.support.kafka.ConsumerLoop;
import nc.esim.support.kafka.RejectedRecords;
import nc.esim.support.problems.Problems;
import nc.esim.support.security.BoundEsims;

/**
 * usage-service's copy of the customer bindings ({@link BindingReplica}): a customer token reads the summary,
 * daily breakdown and records of its own eSIMs only ({@code CustomerScope}); another eSIM is the same 404 as
 * an ICCID usage-service never heard of. A changed binding has its balance read and sent again at once.
 */
@ApplicationScoped
public class CustomerBindings implements ConsumerLoop.BatchHandler, BoundEsims {
    private final BindingReplica replica;

    public CustomerBindings(DataSource dataSource, RejectedRecords rejected) {
        this.replica = new BindingReplica(dataSource, rejected, "balance_checked_at = null, balance_sent = null");
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> records) {
        replica.handle(records);
    }

    @Override
    public boolean isBound(String account, String iccid) {
        return replica.isBound(account, iccid);
    }

    @Override
    public Response notYours() {
        return Problems.response(404, "unknown-iccid", "Unknown ICCID",
                "No subscription and no usage are known for this ICCID").build();
    }
}
