package nc.esim.billing.catalog;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

/** A catalog code (plan, add-on, promotion): capitals, digits and dashes, 3 to 40 characters. */
@Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}", message = "must be 3 to 40 capitals, digits or dashes")
@Constraint(validatedBy = {})
@Target({PARAMETER, FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface CatalogCode {
    String message() default "must be 3 to 40 capitals, digits or dashes";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
