package nc.esim.notification.customers;

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
 * notification-service's copy of the customer bindings ({@link BindingReplica}): a customer token reads
 * the preferences and delivery log of its own eSIMs only ({@code CustomerScope}); another eSIM is a 404
 * whether it exists or not.
 */
@ApplicationScoped
public class CustomerBindings implements ConsumerLoop.BatchHandler, BoundEsims {
    private final BindingReplica replica;

    public CustomerBindings(DataSource dataSource, RejectedRecords rejected) {
        this.replica = new BindingReplica(dataSource, rejected, "");
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
        return Problems.response(404, "unknown-iccid", "Unknown ICCID", "No eSIM of yours has this ICCID").build();
    }
}
