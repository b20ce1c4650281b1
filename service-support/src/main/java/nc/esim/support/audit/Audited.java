package nc.esim.support.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On a resource with state-changing operations: a call that succeeds writes its audit entry in its own
 * transaction, so that the change and its trace commit together or not at all ({@link AuditedCalls}).
 * A refused or failed call is recorded after its answer, by {@link AuditTrail}.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {
}
