package nc.esim.notification.sms;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import nc.esim.infra.process.FreePort;
import nc.esim.infra.smsc.SmscSimulator;

/** The SMS-centre simulator (jSMPP server side) on a free port for the service under test. */
public class SmscResource implements QuarkusTestResourceLifecycleManager {
    private static SmscSimulator smsc;

    @Override
    public synchronized Map<String, String> start() {
        if (smsc == null) {
            smsc = SmscSimulator.start(FreePort.find());
        }
        smsc.up();
        return Map.of("notification.sms.smsc.host", "127.0.0.1", "notification.sms.smsc.port", String.valueOf(smsc.port()));
    }

    @Override
    public void stop() {
        // kept for the next application start of this JVM (test profiles restart Quarkus); a daemon anyway
    }

    public static SmscSimulator smsc() {
        return smsc;
    }
}
