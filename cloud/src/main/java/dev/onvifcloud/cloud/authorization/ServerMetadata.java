package dev.onvifcloud.cloud.authorization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorization server metadata document (RFC 8414 section 2), served at
 * {@code /.well-known/oauth-authorization-server} and, as ONVIF's example ServerUri uses it, at
 * {@code /.well-known/openid-configuration}. It describes what this server does: {@code client_credentials}
 * with {@code private_key_jwt} only, no authorization endpoint (so no response types).
 */
final class ServerMetadata {

    static final String OAUTH_PATH = "/.well-known/oauth-authorization-server";
    static final String OPENID_PATH = "/.well-known/openid-configuration";

    private ServerMetadata() {
    }

    static byte[] json(AuthorizationServerSettings settings) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", settings.issuer().toString());
        document.put("token_endpoint", settings.tokenEndpoint().toString());
        document.put("jwks_uri", settings.jwksUri().toString());
        document.put("grant_types_supported", List.of(TokenRequest.GRANT_TYPE));
        document.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        document.put("token_endpoint_auth_signing_alg_values_supported", settings.assertionPolicy()
                .acceptedAlgorithms().stream().map(JWSAlgorithm::getName).sorted().toList());
        document.put("response_types_supported", List.of());
        if (!settings.grantableScopes().isEmpty()) {
            document.put("scopes_supported", settings.grantableScopes().stream().sorted().toList());
        }
        try {
            return new ObjectMapper().writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the metadata", e);
        }
    }
}
