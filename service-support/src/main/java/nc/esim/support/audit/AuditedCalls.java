package nc.esim.support.audit;

import java.lang.reflect.Method;
import java.time.Clock;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import nc.esim.support.transactions.AfterCommit;

/**
 * Writes a successful state-changing call's audit entry inside the call's transaction: the interceptor
 * runs within {@code @Transactional} (a higher priority is an inner interceptor), after the resource
 * method returned and before the transaction commits, so a crash cannot keep the change and lose its
 * trace. The request is marked recorded only once the transaction has committed; if it rolls back, the
 * entry goes with it and {@link AuditTrail} records the answer the caller got instead.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 201)
@IfBuildProperty(name = "esim.database.enabled", stringValue = "true", enableIfMissing = true)
public class AuditedCalls {
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditLog log;
    private final Clock clock;
    private final CurrentVertxRequest current;
    private final SecurityIdentity identity;
    private final AuditedRequest audited;
    private final TransactionSynchronizationRegistry transactions;

    public AuditedCalls(AuditLog log, Clock clock, CurrentVertxRequest current, SecurityIdentity identity,
                        AuditedRequest audited, TransactionSynchronizationRegistry transactions) {
        this.log = log;
        this.clock = clock;
        this.current = current;
        this.identity = identity;
        this.audited = audited;
        this.transactions = transactions;
    }

    @AroundInvoke
    Object audit(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        RoutingContext context = current.getCurrent();
        if (context == null || !STATE_CHANGING.contains(context.request().method().name())
                || !context.normalizedPath().startsWith("/api/")) {
            return result;
        }
        String address = context.request().remoteAddress() == null ? null : context.request().remoteAddress().hostAddress();
        log.append(AuditTrail.entry(clock.instant(), identity.isAnonymous() ? null : identity.getPrincipal(),
                context.request().method().name(), context.normalizedPath(), statusOf(result, invocation.getMethod()),
                address, context.request().getHeader("Idempotency-Key")));
        AfterCommit.run(transactions, audited::recorded); // without a transaction the entry is already written
        return result;
    }

    /** The status the call answers with, as RESTEasy Reactive sets it for what the method returned. */
    static int statusOf(Object result, Method method) {
        if (result instanceof Response response) {
            return response.getStatus();
        }
        if (result instanceof RestResponse<?> response) {
            return response.getStatus();
        }
        ResponseStatus declared = method.getAnnotation(ResponseStatus.class);
        if (declared != null) {
            return declared.value();
        }
        return result == null ? 204 : 200;
    }
}
