-- onvif-cloud storage, version 4: transfer and un-share of sharing operations.
-- A COMPLETED operation in mode TRANSFER becomes TRANSFERRING once the OCS confirmed it (deviceSharingCompleted
-- answered 2xx), then TRANSFERRED once this cloud removed its own access from the camera; a COMPLETED operation
-- in mode SHARE becomes UNSHARING when its owner un-shares it, then UNSHARED. TRANSFERRING and UNSHARING are
-- claimed by the workers like IN_PROGRESS and COMPENSATING. Runs unchanged on PostgreSQL and H2.

ALTER TABLE sharing_operations DROP CONSTRAINT sharing_operations_state_check;
ALTER TABLE sharing_operations ADD CONSTRAINT sharing_operations_state_check
    CHECK (state IN ('IN_PROGRESS', 'COMPENSATING', 'COMPLETED', 'FAILED',
                     'TRANSFERRING', 'TRANSFERRED', 'UNSHARING', 'UNSHARED'));
