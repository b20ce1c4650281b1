package nc.esim.notification.email;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import nc.esim.infra.process.FreePort;

/**
 * GreenMail as a real SMTP server on a free port for the service under test; tests stop and start it
 * again on the same port to take the mail server down and bring it back.
 */
public class GreenMailSmtp implements QuarkusTestResourceLifecycleManager {
    private static final ServerSetup SETUP = new ServerSetup(FreePort.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    private static GreenMail server;

    @Override
    public Map<String, String> start() {
        up();
        return Map.of("quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(SETUP.getPort()));
    }

    @Override
    public void stop() {
        down();
    }

    public static synchronized GreenMail server() {
        return server;
    }

    public static synchronized void up() {
        if (server == null) {
            server = new GreenMail(SETUP);
            server.start();
        }
    }

    public static synchronized void down() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
