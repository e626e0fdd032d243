package dev.onvifcloud.cloud.authorization;

import dev.onvifcloud.security.assertion.ClientAssertion;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code client_credentials} token request authenticated by a client assertion, parsed once from its
 * {@code application/x-www-form-urlencoded} body (RFC 6749 sections 4.4.2 and 3.2; RFC 7523 section 2.2).
 * Parameters it does not know are ignored (RFC 6749 section 3.2); any parameter sent twice is refused.
 *
 * @param clientId {@code client_id}, when sent
 * @param assertion {@code client_assertion}
 * @param scope {@code scope}, when sent
 */
record TokenRequest(Optional<String> clientId, String assertion, Optional<String> scope) {

    static final String GRANT_TYPE = "client_credentials";

    TokenRequest {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(assertion, "assertion");
        Objects.requireNonNull(scope, "scope");
    }

    /**
     * @throws TokenRefusedException for a body that is not such a request, the checks in this order: content
     *     type, size, form syntax, duplicates, grant type, client authentication
     */
    static TokenRequest parse(Optional<String> contentType, byte[] body, int maxBytes) throws TokenRefusedException {
        if (!contentType.map(TokenRequest::isForm).orElse(false)) {
            throw new TokenRefusedException(TokenRefusal.WRONG_CONTENT_TYPE);
        }
        if (body.length > maxBytes) {
            throw new TokenRefusedException(TokenRefusal.FORM_TOO_LARGE);
        }
        Map<String, String> form = form(body);
        String grantType = Optional.ofNullable(form.get("grant_type"))
                .orElseThrow(() -> new TokenRefusedException(TokenRefusal.MISSING_GRANT_TYPE));
        if (!grantType.equals(GRANT_TYPE)) {
            throw new TokenRefusedException(TokenRefusal.UNSUPPORTED_GRANT_TYPE);
        }
        String assertionType = form.get("client_assertion_type");
        String assertion = form.get("client_assertion");
        if (assertionType == null || assertion == null || assertion.isEmpty()) {
            throw new TokenRefusedException(TokenRefusal.NO_CLIENT_AUTHENTICATION);
        }
        if (!assertionType.equals(ClientAssertion.ASSERTION_TYPE)) {
            throw new TokenRefusedException(TokenRefusal.UNSUPPORTED_ASSERTION_TYPE);
        }
        return new TokenRequest(nonEmpty(form.get("client_id")), assertion, nonEmpty(form.get("scope")));
    }

    /** The form's parameters; a parameter without value counts as empty. */
    private static Map<String, String> form(byte[] body) throws TokenRefusedException {
        String text;
        try {
            text = StandardCharsets.US_ASCII.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new TokenRefusedException(TokenRefusal.MALFORMED_FORM);
        }
        Map<String, String> form = new HashMap<>();
        if (text.isEmpty()) {
            return form;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (form.putIfAbsent(name, value) != null) {
                throw new TokenRefusedException(TokenRefusal.DUPLICATE_PARAMETER, name.length() <= 40 ? name : "");
            }
        }
        return form;
    }

    private static String decode(String encoded) throws TokenRefusedException {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new TokenRefusedException(TokenRefusal.MALFORMED_FORM);
        }
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** {@code application/x-www-form-urlencoded}, with at most a UTF-8 (or ASCII) charset parameter. */
    private static boolean isForm(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/x-www-form-urlencoded")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
            if (!(parameter.equals("charset=utf-8") || parameter.equals("charset=us-ascii") || parameter.isEmpty())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "TokenRequest[clientId=" + clientId.orElse("-") + ", scope=" + scope.orElse("-") + "]";
    }
}
