package nc.esim.billing.subscriptions;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import nc.esim.contracts.Identifiers;

/** An ICCID of New Caledonia: 89 687, 19 or 20 digits, a valid Luhn check digit. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidIccid.Validator.class)
public @interface ValidIccid {
    String message() default "must be a 19 or 20 digit ICCID starting with 89687 and ending with a Luhn check digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidIccid, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Identifiers.isValidIccid(value);
        }
    }
}
