package nc.esim.notification.preferences;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A customer's choices: which channel may carry which category of message, and the language of
 * messages (null: the language billing knows). Every field binds; nothing else does.
 */
public record Preference(@NotNull Boolean emailService, @NotNull Boolean emailMarketing, @NotNull Boolean smsService,
                         @NotNull Boolean smsMarketing,
                         @Pattern(regexp = "fr|en|zh", message = "must be fr, en or zh") String language) {

    /**
     * A customer who never chose: service messages on both channels, no marketing (it needs the customer's
     * prior consent), the language billing knows.
     */
    public static final Preference DEFAULT = new Preference(true, false, true, false, null);

    public boolean allows(String channel, String category) {
        if ("SECURITY".equals(category)) {
            return true; // a code the customer just asked for: no opt-out stops it
        }
        boolean marketing = "MARKETING".equals(category);
        return "EMAIL".equals(channel) ? (marketing ? emailMarketing : emailService) : (marketing ? smsMarketing : smsService);
    }
}
