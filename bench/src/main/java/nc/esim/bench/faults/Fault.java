package nc.esim.bench.faults;

import java.time.Duration;

/** One thing that goes wrong during the run, and to what. */
record Fault(Kind kind, String target, Duration outage) {

    enum Kind {
        /** {@code kill -9} of a service instance, then a restart (same port, same configuration). */
        CRASH,
        /** The broker frozen with SIGSTOP for the outage, then SIGCONT: clients see it hang. */
        BROKER_PAUSE,
        /** The broker stopped for the outage and started again on the same data: clients see it go away. */
        BROKER_STOP,
        /** PostgreSQL shut down (fast: connections cut, transactions rolled back) and started again. */
        DATABASE_RESTART,
        /** The SMTP server and the SMS centre away for the outage. */
        MAIL_AND_SMS_OUTAGE
    }

    static Fault crash(String service) {
        return new Fault(Kind.CRASH, service, Duration.ZERO);
    }

    String label() {
        return switch (kind) {
            case CRASH -> "kill -9 " + target;
            case BROKER_PAUSE -> "broker paused " + outage.toSeconds() + " s";
            case BROKER_STOP -> "broker stopped " + outage.toSeconds() + " s";
            case DATABASE_RESTART -> "PostgreSQL restarted";
            case MAIL_AND_SMS_OUTAGE -> "SMTP and SMPP away " + outage.toSeconds() + " s";
        };
    }
}
