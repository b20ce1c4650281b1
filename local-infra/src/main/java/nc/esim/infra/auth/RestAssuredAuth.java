package nc.esim.infra.auth;

import io.restassured.RestAssured;

/** Gives REST Assured requests a bearer token by default (tests; REST Assured is theirs to bring). */
public final class RestAssuredAuth {
    private RestAssuredAuth() {
    }

    /**
     * Every request carries {@code bearer} unless it sets its own Authorization header. A filter, not a
     * request specification: a specification would also pin the port it was built with.
     */
    public static void useByDefault(String bearer) {
        RestAssured.replaceFiltersWith((request, response, context) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", bearer);
            }
            return context.next(request, response);
        });
    }
}
