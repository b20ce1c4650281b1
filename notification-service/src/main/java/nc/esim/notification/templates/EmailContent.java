package nc.esim.notification.templates;

/** One rendered email: its subject, and its plain-text and HTML bodies. */
public record EmailContent(String subject, String text, String html) {
}
