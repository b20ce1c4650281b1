package nc.esim.billing.payments;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The payment provider's HMAC signature as a security scheme of the document. Declared here rather than
 * with {@code @SecurityScheme}: an annotated scheme would become the one the automatic security of
 * every {@code @RolesAllowed} operation names, in place of the bearer token.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class PaymentSignatureScheme implements OASFilter {
    static final String NAME = "paymentSignature";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSecurityScheme(NAME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(CallbackSignature.HEADER)
                .description("sha256=<hex of HMAC-SHA256(body, secret)>: the body signed with the secret shared with the "
                        + "payment provider"));
    }
}
