package dev.onvifcloud.cloud.management;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvifcloud.cloud.http.ApiResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A refused management request: {@code {"error": "...", "field": "/claimCode"}} (a JSON pointer into the body)
 * or {@code {"error": "...", "parameter": "subject"}} (a query parameter).
 *
 * @param reason what to branch on
 * @param message for people; fixed texts and names of fields, never a value from the request
 * @param field the JSON pointer of the offending member
 * @param parameter the offending query parameter
 * @param retryAfter when to try again ({@code Retry-After}, whole seconds rounded up)
 */
public record ManagementProblem(ManagementError reason, String message, Optional<String> field,
        Optional<String> parameter, Optional<Duration> retryAfter) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String REALM = "Bearer realm=\"onvif-cloud\"";

    public ManagementProblem {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static ManagementProblem of(ManagementError reason, String message) {
        return new ManagementProblem(reason, message, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static ManagementProblem atField(ManagementError reason, String pointer, String message) {
        return new ManagementProblem(reason, message, Optional.of(pointer), Optional.empty(), Optional.empty());
    }

    public static ManagementProblem atParameter(ManagementError reason, String parameter, String message) {
        return new ManagementProblem(reason, message, Optional.empty(), Optional.of(parameter), Optional.empty());
    }

    /** A refusal the caller may retry after {@code retryAfter}. */
    public static ManagementProblem retryAfter(ManagementError reason, String message, Duration retryAfter) {
        return new ManagementProblem(reason, message, Optional.empty(), Optional.empty(), Optional.of(retryAfter));
    }

    public static ManagementProblem notFound(String what) {
        return of(ManagementError.NOT_FOUND, "No such " + what);
    }

    /** The response, with {@code WWW-Authenticate} on a 401 and {@code Retry-After} when the problem has one. */
    public ApiResponse response() {
        ObjectNode body = MAPPER.createObjectNode().put("error", message);
        field.ifPresent(pointer -> body.put("field", pointer));
        parameter.ifPresent(name -> body.put("parameter", name));
        ApiResponse response = ApiResponse.json(reason.status(), ManagementJson.bytes(body));
        if (retryAfter.isPresent()) {
            long seconds = Math.max(1, (retryAfter.get().toMillis() + 999) / 1000);
            response = response.withHeader("retry-after", Long.toString(seconds));
        }
        if (reason == ManagementError.API_KEY_MISSING) {
            return response.withHeader("www-authenticate", REALM);
        }
        if (reason == ManagementError.API_KEY_INVALID) {
            return response.withHeader("www-authenticate", REALM + ", error=\"invalid_token\"");
        }
        return response;
    }

    /** Thrown inside a handler to answer with this problem. */
    /** Thrown by a handler to answer with a problem; carries no stack trace. */
    public static final class Refused extends Exception {

        private final ManagementProblem problem;

        public Refused(ManagementProblem problem) {
            super(problem.reason().name(), null, false, false);
            this.problem = problem;
        }

        public ManagementProblem problem() {
            return problem;
        }
    }
}
