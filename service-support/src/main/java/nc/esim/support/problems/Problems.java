package nc.esim.support.problems;

import java.net.URI;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * The business errors of the services as RFC 9457 problems: one stable type URI and one status per
 * error code. Validation, JSON and routing errors are mapped by quarkus-resteasy-problem.
 */
public final class Problems {
    private Problems() {
    }

    public static HttpProblem of(int status, String code, String title, String detail) {
        return HttpProblem.builder()
                .withType(URI.create("urn:esim:problem:" + code))
                .withStatus(status)
                .withTitle(title)
                .withDetail(detail)
                .build();
    }
}
