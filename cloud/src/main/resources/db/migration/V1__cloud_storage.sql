-- onvif-cloud storage, version 1.
-- Runs unchanged on PostgreSQL (10+; tested with 18) and on H2 2.x in MODE=PostgreSQL with DATABASE_TO_LOWER=TRUE.
-- Conventions: every time is TIMESTAMP WITH TIME ZONE (written as UTC, microsecond precision);
-- identifiers are UUIDs chosen by the application; enumerations are upper-case text with a CHECK;
-- every constraint is named so that a violation can be reported by name.

CREATE TABLE accounts (
    id         UUID                     NOT NULL,
    name       VARCHAR(200)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT accounts_pk PRIMARY KEY (id),
    CONSTRAINT accounts_name_key UNIQUE (name),
    CONSTRAINT accounts_name_check CHECK (CHAR_LENGTH(name) > 0)
);

-- API keys are stored hashed: key_id is the public part of the presented key (used for lookup),
-- secret_sha256 the lower-case hex SHA-256 of the whole presented key.
CREATE TABLE api_keys (
    key_id        VARCHAR(32)              NOT NULL,
    account_id    UUID                     NOT NULL,
    secret_sha256 VARCHAR(64)              NOT NULL,
    label         VARCHAR(200)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_keys_pk PRIMARY KEY (key_id),
    CONSTRAINT api_keys_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT api_keys_secret_sha256_check CHECK (CHAR_LENGTH(secret_sha256) = 64)
);
CREATE INDEX api_keys_account_idx ON api_keys (account_id);

-- The device registry, fed by the cameras' factory uplinks (GetDeviceInformation) and claimed by owners.
CREATE TABLE devices (
    id               UUID                     NOT NULL,
    serial_number    VARCHAR(128)             NOT NULL,
    manufacturer     VARCHAR(128)             NOT NULL,
    model            VARCHAR(128)             NOT NULL,
    firmware_version VARCHAR(128)             NOT NULL,
    hardware_id      VARCHAR(128)             NOT NULL,
    claim_code_hash  VARCHAR(200),
    owner_account_id UUID,
    state            VARCHAR(16)              NOT NULL,
    registered_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT devices_pk PRIMARY KEY (id),
    CONSTRAINT devices_serial_number_key UNIQUE (serial_number),
    CONSTRAINT devices_owner_fk FOREIGN KEY (owner_account_id) REFERENCES accounts (id),
    CONSTRAINT devices_state_check CHECK (state IN ('UNCLAIMED', 'CLAIMED', 'TRANSFERRED')),
    CONSTRAINT devices_owner_check CHECK ((state = 'UNCLAIMED') = (owner_account_id IS NULL)),
    CONSTRAINT devices_claimed_at_check CHECK ((owner_account_id IS NULL) = (claimed_at IS NULL))
);
CREATE INDEX devices_owner_idx ON devices (owner_account_id);

-- Share tokens issued by this Provisioning Cloud Service. A token is used at most once: used_at and
-- used_by_operation_id are set together by startDeviceSharing. sharing_operations.token_jti (foreign
-- key, unique) is the enforced link; used_by_operation_id repeats it for reading.
CREATE TABLE share_tokens (
    jti                  VARCHAR(128)             NOT NULL,
    device_id            UUID                     NOT NULL,
    issued_by_account_id UUID                     NOT NULL,
    mode                 VARCHAR(8)               NOT NULL,
    issued_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at              TIMESTAMP WITH TIME ZONE,
    used_by_operation_id UUID,
    revoked_at           TIMESTAMP WITH TIME ZONE,
    CONSTRAINT share_tokens_pk PRIMARY KEY (jti),
    CONSTRAINT share_tokens_device_fk FOREIGN KEY (device_id) REFERENCES devices (id),
    CONSTRAINT share_tokens_account_fk FOREIGN KEY (issued_by_account_id) REFERENCES accounts (id),
    CONSTRAINT share_tokens_mode_check CHECK (mode IN ('SHARE', 'TRANSFER')),
    CONSTRAINT share_tokens_expiry_check CHECK (expires_at > issued_at),
    CONSTRAINT share_tokens_used_check CHECK ((used_at IS NULL) = (used_by_operation_id IS NULL))
);
CREATE INDEX share_tokens_device_idx ON share_tokens (device_id);

-- One sharing operation per deviceConfiguration of a startDeviceSharing request; the work queue of the
-- configuration worker. A worker holds an operation while lease_until is in the future.
CREATE TABLE sharing_operations (
    id                   UUID                     NOT NULL,
    device_id            UUID                     NOT NULL,
    token_jti            VARCHAR(128)             NOT NULL,
    mode                 VARCHAR(8)               NOT NULL,
    request_id           UUID                     NOT NULL,
    request_sha256       VARCHAR(64)              NOT NULL,
    device_configuration TEXT                     NOT NULL,
    state                VARCHAR(16)              NOT NULL,
    current_step         VARCHAR(64),
    attempts             INTEGER                  NOT NULL,
    next_attempt_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner          VARCHAR(128),
    lease_until          TIMESTAMP WITH TIME ZONE,
    failure_reason       VARCHAR(1000),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sharing_operations_pk PRIMARY KEY (id),
    CONSTRAINT sharing_operations_token_key UNIQUE (token_jti),
    CONSTRAINT sharing_operations_token_fk FOREIGN KEY (token_jti) REFERENCES share_tokens (jti),
    CONSTRAINT sharing_operations_device_fk FOREIGN KEY (device_id) REFERENCES devices (id),
    CONSTRAINT sharing_operations_mode_check CHECK (mode IN ('SHARE', 'TRANSFER')),
    CONSTRAINT sharing_operations_state_check
        CHECK (state IN ('IN_PROGRESS', 'COMPENSATING', 'COMPLETED', 'FAILED')),
    CONSTRAINT sharing_operations_attempts_check CHECK (attempts >= 0),
    CONSTRAINT sharing_operations_lease_check CHECK ((lease_owner IS NULL) = (lease_until IS NULL)),
    CONSTRAINT sharing_operations_request_sha256_check CHECK (CHAR_LENGTH(request_sha256) = 64)
);
CREATE INDEX sharing_operations_due_idx ON sharing_operations (state, next_attempt_at);
CREATE INDEX sharing_operations_request_idx ON sharing_operations (request_id);
CREATE INDEX sharing_operations_device_idx ON sharing_operations (device_id);

-- The steps of an operation, each with what it created on the camera (form-encoded name=value pairs:
-- certificate ids, key id, policy id, ...) so that a resumed worker neither repeats a camera action nor
-- forgets to remove what it created when compensating.
CREATE TABLE operation_steps (
    operation_id       UUID                     NOT NULL,
    step_name          VARCHAR(64)              NOT NULL,
    ordinal            INTEGER                  NOT NULL,
    status             VARCHAR(16)              NOT NULL,
    created_on_camera  TEXT                     NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at       TIMESTAMP WITH TIME ZONE,
    compensated_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT operation_steps_pk PRIMARY KEY (operation_id, step_name),
    CONSTRAINT operation_steps_operation_fk FOREIGN KEY (operation_id) REFERENCES sharing_operations (id),
    CONSTRAINT operation_steps_status_check CHECK (status IN ('STARTED', 'DONE', 'COMPENSATED')),
    CONSTRAINT operation_steps_ordinal_check CHECK (ordinal >= 0)
);

-- deviceSharingCompleted (and later other) notifications to an Operational Cloud Service, retried with
-- backoff until deadline_at, then dead-lettered (state DEAD) until replayed.
CREATE TABLE notifications (
    id              UUID                     NOT NULL,
    operation_id    UUID                     NOT NULL,
    endpoints       TEXT                     NOT NULL,
    payload         TEXT                     NOT NULL,
    state           VARCHAR(16)              NOT NULL,
    attempts        INTEGER                  NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    deadline_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner     VARCHAR(128),
    lease_until     TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(1000),
    delivered_to    VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT notifications_pk PRIMARY KEY (id),
    CONSTRAINT notifications_operation_key UNIQUE (operation_id),
    CONSTRAINT notifications_operation_fk FOREIGN KEY (operation_id) REFERENCES sharing_operations (id),
    CONSTRAINT notifications_state_check CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
    CONSTRAINT notifications_attempts_check CHECK (attempts >= 0),
    CONSTRAINT notifications_lease_check CHECK ((lease_owner IS NULL) = (lease_until IS NULL)),
    CONSTRAINT notifications_delivered_check CHECK ((state = 'DELIVERED') = (delivered_to IS NOT NULL))
);
CREATE INDEX notifications_due_idx ON notifications (state, next_attempt_at);

-- Append-only: the application has no statement that updates or deletes a row of it.
CREATE TABLE audit_log (
    id          BIGINT GENERATED BY DEFAULT AS IDENTITY,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(200)             NOT NULL,
    action      VARCHAR(100)             NOT NULL,
    subject     VARCHAR(200)             NOT NULL,
    detail      VARCHAR(4000)            NOT NULL,
    CONSTRAINT audit_log_pk PRIMARY KEY (id)
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, id);
