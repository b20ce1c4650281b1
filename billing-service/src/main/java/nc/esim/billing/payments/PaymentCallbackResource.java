package nc.esim.billing.payments;

import java.io.IOException;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.resteasy.problem.HttpProblem;
import nc.esim.support.audit.Audited;
import nc.esim.billing.metrics.BillingMetrics;
import nc.esim.support.problems.Problems;

import static nc.esim.support.web.OpenApiContract.PROBLEM_JSON;

@Audited
@Path("/api/v1/payments/confirmations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "payments", description = "The payment provider's signed confirmations")
public class PaymentCallbackResource {
    private static final Logger LOG = Logger.getLogger(PaymentCallbackResource.class);
    private static final int MAX_BODY = 4096;

    private final CallbackSignature signature;
    private final PaymentConfirmations confirmations;
    private final ObjectMapper json;
    private final Validator validator;
    private final BillingMetrics metrics;

    public PaymentCallbackResource(CallbackSignature signature, PaymentConfirmations confirmations, ObjectMapper json,
                                   Validator validator, BillingMetrics metrics) {
        this.signature = signature;
        this.confirmations = confirmations;
        this.json = json;
        this.validator = validator;
        this.metrics = metrics;
    }

    @POST
    @Transactional
    @Operation(operationId = "confirmPayment",
            summary = "A payment provider confirms an order paid by bank transfer, WeChat Pay, Alipay or an auto-renewal charge",
            description = "The body is signed: header Payment-Signature: sha256=<hex of HMAC-SHA256(body, shared secret)>. "
                    + "The same confirmation sent again returns the same outcome and grants nothing more.")
    @RequestBody(content = @Content(schema = @Schema(implementation = PaymentConfirmation.class)))
    @SecurityRequirement(name = PaymentSignatureScheme.NAME)
    @APIResponse(responseCode = "200",
            description = "Confirmed and granted, or REFUND_DUE when it could no longer be granted",
            content = @Content(schema = @Schema(implementation = ConfirmationOutcome.class)))
    @APIResponse(responseCode = "400", description = "Not a valid confirmation",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "invalid-confirmation", summary = "Invalid confirmation")))
    @APIResponse(responseCode = "401", description = "Missing or wrong signature",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "invalid-signature", summary = "Invalid signature")))
    @APIResponse(responseCode = "404", description = "Unknown order",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "order-not-found", summary = "Order not found")))
    @APIResponse(responseCode = "409", description = "The order expired unpaid, or was already paid with another reference",
            content = @Content(mediaType = PROBLEM_JSON, examples = {
                    @ExampleObject(name = "order-expired", summary = "Order expired"),
                    @ExampleObject(name = "order-already-paid", summary = "Order already paid")}))
    @APIResponse(responseCode = "422", description = "Amount, currency or method differ from the order",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "payment-mismatch", summary = "Payment does not match the order")))
    @PermitAll // authenticated by the provider's HMAC signature instead of a token
    public ConfirmationOutcome confirm(@Parameter(hidden = true) // documented as the paymentSignature security scheme
                                       @HeaderParam(CallbackSignature.HEADER) String signed, byte[] body) {
        if (body == null || body.length > MAX_BODY || !signature.verify(body, signed)) {
            metrics.paymentCallback("INVALID_SIGNATURE");
            LOG.warnf("payment confirmation refused: %s", body == null || body.length > MAX_BODY ? "no or oversized body"
                    : signed == null ? "no signature" : "signature does not match");
            throw Problems.of(401, "invalid-signature", "Invalid signature",
                    "The body must be signed: " + CallbackSignature.HEADER + ": sha256=<HMAC-SHA256 of the body, hex>");
        }
        PaymentConfirmation confirmation;
        try {
            // a provider may add fields to its callbacks: only the ones we know bind, the rest are ignored
            confirmation = json.readerFor(PaymentConfirmation.class)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        } catch (IOException e) {
            throw Problems.of(400, "invalid-confirmation", "Invalid confirmation",
                    "Not a payment confirmation (JSON with orderNumber, paymentMethod, currency, amountMinor, paymentReference)");
        }
        Set<ConstraintViolation<PaymentConfirmation>> violations = confirmation == null ? Set.of() : validator.validate(confirmation);
        if (confirmation == null || !violations.isEmpty()) {
            throw Problems.of(400, "invalid-confirmation", "Invalid confirmation", confirmation == null ? "empty body"
                    : violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().toList().toString());
        }
        try {
            ConfirmationOutcome outcome = confirmations.confirm(confirmation);
            metrics.paymentCallback(outcome.status().name());
            return outcome;
        } catch (HttpProblem refused) {
            metrics.paymentCallback("REFUSED_" + refused.getStatusCode());
            throw refused;
        }
    }
}
