package nc.esim.support.privacy;

import java.text.MessageFormat;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Masks personal data (MSISDN and other phone numbers, email, ICCID) in every log line of the service,
 * whoever logs it: our code, Hibernate, the Kafka client or an exception message. Enabled on each
 * handler by {@code quarkus.log.console.filter=personal-data}.
 */
@LoggingFilter(name = "personal-data")
public final class PersonalDataLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = format(record);
        String masked = PersonalData.inText(formatted);
        if (!masked.equals(record.getMessage()) || record.getParameters() != null) {
            record.setMessage(masked);
            record.setParameters(null);
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
            }
        }
        if (record.getThrown() != null) {
            record.setThrown(MaskedThrowable.of(record.getThrown()));
        }
        return true;
    }

    private static String format(LogRecord record) {
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (message == null || parameters == null || parameters.length == 0) {
            return message == null ? "" : message;
        }
        try {
            if (record instanceof ExtLogRecord ext && ext.getFormatStyle() == ExtLogRecord.FormatStyle.PRINTF) {
                return String.format(message, parameters);
            }
            return MessageFormat.format(message, parameters);
        } catch (RuntimeException e) {
            return message;
        }
    }

    /** A throwable's copy whose messages are masked, with the same class name in its text and stack trace. */
    static final class MaskedThrowable extends Throwable {
        private final String className;

        private MaskedThrowable(String className, String message, Throwable cause) {
            super(message, cause, false, true);
            this.className = className;
        }

        static Throwable of(Throwable original) {
            return copy(original, 0);
        }

        private static Throwable copy(Throwable original, int depth) {
            if (original == null || depth > 20) {
                return null;
            }
            if (original instanceof MaskedThrowable) {
                return original;
            }
            MaskedThrowable copy = new MaskedThrowable(original.getClass().getName(),
                    PersonalData.inText(original.getMessage()), copy(original.getCause(), depth + 1));
            copy.setStackTrace(original.getStackTrace());
            return copy;
        }

        @Override
        public String toString() {
            String message = getMessage();
            return message == null ? className : className + ": " + message;
        }
    }
}
