-- onvif-cloud storage, version 3: the cameras an Operational Cloud Service was given by share token.
-- Same conventions as V1 (runs unchanged on PostgreSQL and on H2 in MODE=PostgreSQL).

-- One row per share token added. PENDING rows are the sharing requester's work queue (startDeviceSharing not yet
-- acknowledged by the PCS): attempts, next_attempt_at and the lease columns. share_token holds the token itself
-- only while it must still be sent (PENDING); share_token_sha256 (hex) finds the camera on deviceSharingCompleted.
-- client_id is the camera's OAuth client (oauth_clients) and its uplink identity.
CREATE TABLE ocs_cameras (
    id                  UUID                     NOT NULL,
    account_id          UUID                     NOT NULL,
    client_id           VARCHAR(200)             NOT NULL,
    state               VARCHAR(24)              NOT NULL,
    share_token         VARCHAR(8192),
    share_token_sha256  CHAR(64)                 NOT NULL,
    token_issuer        VARCHAR(1000)            NOT NULL,
    token_jti           VARCHAR(256)             NOT NULL,
    token_expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    xaddr               VARCHAR(2000)            NOT NULL,
    serial_number       VARCHAR(256)             NOT NULL,
    model               VARCHAR(256)             NOT NULL,
    manufacturer        VARCHAR(256)             NOT NULL,
    reason              VARCHAR(1000),
    attempts            INTEGER                  NOT NULL,
    next_attempt_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner         VARCHAR(128),
    lease_until         TIMESTAMP WITH TIME ZONE,
    last_error          VARCHAR(1000),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    sharing_requested_at TIMESTAMP WITH TIME ZONE,
    registered_at       TIMESTAMP WITH TIME ZONE,
    verified_at         TIMESTAMP WITH TIME ZONE,
    last_seen_at        TIMESTAMP WITH TIME ZONE,
    removed_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ocs_cameras_pk PRIMARY KEY (id),
    CONSTRAINT ocs_cameras_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT ocs_cameras_client_key UNIQUE (client_id),
    CONSTRAINT ocs_cameras_token_key UNIQUE (share_token_sha256),
    CONSTRAINT ocs_cameras_jti_key UNIQUE (token_issuer, token_jti),
    CONSTRAINT ocs_cameras_state_check CHECK (state IN ('PENDING', 'SHARING_REQUESTED', 'REGISTERED', 'VERIFIED',
        'FAILED', 'IDENTITY_MISMATCH', 'REMOVED')),
    CONSTRAINT ocs_cameras_token_check CHECK (state = 'PENDING' OR share_token IS NULL),
    CONSTRAINT ocs_cameras_attempts_check CHECK (attempts >= 0),
    CONSTRAINT ocs_cameras_lease_check CHECK ((lease_owner IS NULL) = (lease_until IS NULL))
);
CREATE INDEX ocs_cameras_due_idx ON ocs_cameras (state, next_attempt_at);
CREATE INDEX ocs_cameras_account_idx ON ocs_cameras (account_id, created_at);
