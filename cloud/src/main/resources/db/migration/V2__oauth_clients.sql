-- onvif-cloud storage, version 2: the authorization server's client registrations and used client-assertion ids.
-- Same conventions as V1 (runs unchanged on PostgreSQL and on H2 in MODE=PostgreSQL).

-- One client per shared camera. PENDING until deviceSharingCompleted registers its public key (a JSON JWK,
-- public members only; key_thumbprint is its RFC 7638 SHA-256 thumbprint, to compare keys); REVOKED for good.
CREATE TABLE oauth_clients (
    client_id         VARCHAR(200)             NOT NULL,
    state             VARCHAR(16)              NOT NULL,
    public_jwk        VARCHAR(4000),
    key_thumbprint    VARCHAR(64),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    key_registered_at TIMESTAMP WITH TIME ZONE,
    revoked_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT oauth_clients_pk PRIMARY KEY (client_id),
    CONSTRAINT oauth_clients_client_id_check CHECK (CHAR_LENGTH(client_id) > 0),
    CONSTRAINT oauth_clients_state_check CHECK (state IN ('PENDING', 'REGISTERED', 'REVOKED')),
    CONSTRAINT oauth_clients_key_check CHECK ((public_jwk IS NULL) = (key_thumbprint IS NULL)
        AND (public_jwk IS NULL) = (key_registered_at IS NULL)),
    CONSTRAINT oauth_clients_registered_check CHECK (state <> 'REGISTERED' OR public_jwk IS NOT NULL),
    CONSTRAINT oauth_clients_pending_check CHECK (state <> 'PENDING' OR public_jwk IS NULL),
    CONSTRAINT oauth_clients_revoked_check CHECK ((state = 'REVOKED') = (revoked_at IS NOT NULL))
);

-- The jti of every client assertion accepted at the token endpoint, until the assertion could no longer be
-- accepted anyway (expires_at = its exp plus the allowed clock skew): single use survives a restart.
-- client_id has no foreign key: an assertion id is remembered whatever happens to the client.
CREATE TABLE used_assertion_ids (
    client_id  VARCHAR(200)             NOT NULL,
    jti        VARCHAR(256)             NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT used_assertion_ids_pk PRIMARY KEY (client_id, jti)
);
CREATE INDEX used_assertion_ids_expires_idx ON used_assertion_ids (expires_at);
