package dev.onvifcloud.protocol;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * A body as it travels in one exchange of the API: the request of an operation, or one of its responses.
 *
 * @param status 0 for a request, else the HTTP status of the response
 * @param schema the name of the body's schema in our OpenAPI document
 */
record ApiMessage(String label, String path, int status, String schema, byte[] body) {

    static final String JSON = "application/json";

    /** The exchange a golden file (or an edited copy of it) belongs to, from the file name. */
    static ApiMessage of(String file, byte[] body) {
        if (file.startsWith("startDeviceSharing")) {
            return new ApiMessage(file, "/startDeviceSharing", 0, "startDeviceSharing", body);
        } else if (file.startsWith("deviceSharingCompleted")) {
            return new ApiMessage(file, "/deviceSharingCompleted", 0, "deviceSharingCompleted", body);
        } else if (file.startsWith("getAvailableFWImages")) {
            return new ApiMessage(file, "/getAvailableFWImages", 0, "getAvailableFWImages", body);
        } else if (file.startsWith("deviceSharingError")) {
            return new ApiMessage(file, "/startDeviceSharing", 400, "deviceSharingError", body);
        } else if (file.startsWith("availableFWImages")) {
            return new ApiMessage(file, "/getAvailableFWImages", 200, "availableFWImages", body);
        }
        throw new IllegalArgumentException("no exchange for " + file);
    }

    static ApiMessage golden(String file) {
        return of(file, Golden.bytes(file));
    }

    /** Every golden message, and every message our codec writes for the fixtures. */
    static Stream<ApiMessage> all() {
        Json json = new Json(JsonLimits.defaults());
        Stream<ApiMessage> golden = Stream.of(
                "startDeviceSharing.json", "startDeviceSharing-unknown-members.json",
                "deviceSharingCompleted.json", "deviceSharingCompleted-unknown-members.json",
                "deviceSharingError-invalid-configuration.json", "deviceSharingError-invalid-jwt.json",
                "deviceSharingError-unknown-members.json",
                "getAvailableFWImages.json", "getAvailableFWImages-unknown-members.json",
                "availableFWImages.json", "availableFWImages-empty.json").map(ApiMessage::golden);
        Stream<ApiMessage> written = Stream.of(
                of("startDeviceSharing (written)", json.write(Fixtures.startDeviceSharing())),
                of("deviceSharingCompleted (written)", json.write(Fixtures.deviceSharingCompleted())),
                of("deviceSharingError invalidConfiguration (written)",
                        json.write(DeviceSharingError.invalidConfiguration())),
                of("deviceSharingError invalidJwt (written)", json.write(DeviceSharingError.invalidJwt())),
                of("getAvailableFWImages (written)", json.write(Fixtures.getAvailableFWImages())),
                of("availableFWImages (written)", json.write(Fixtures.availableFWImages())),
                of("availableFWImages empty (written)", json.write(new AvailableFWImages(List.of()))));
        return Stream.concat(golden, written);
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Checks this body with swagger-request-validator, as a request or as a response. */
    ValidationReport validateWith(OpenApiInteractionValidator validator) {
        if (status == 0) {
            return validator.validateRequest(
                    SimpleRequest.Builder.post(path).withContentType(JSON).withBody(text()).build());
        }
        return validator.validateResponse(path, Request.Method.POST,
                SimpleResponse.Builder.status(status).withContentType(JSON).withBody(text()).build());
    }

    /**
     * swagger-request-validator for a document, configured as JSON Schema reads it: members a schema
     * does not declare are allowed (the library forbids them by default, the specifications do not).
     */
    static OpenApiInteractionValidator validatorFor(OpenApiInteractionValidator.Builder builder) {
        return builder
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .withLevel("validation.response.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    @Override
    public String toString() {
        return label;
    }
}
