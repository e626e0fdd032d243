/**
 * The owner's management API ({@link dev.onvifcloud.cloud.management.ManagementApi}, under {@code /api/v1}),
 * authenticated with API keys: claiming cameras, issuing and revoking share tokens, dead letters and the audit
 * log. Its refusals are {@link dev.onvifcloud.cloud.management.ManagementProblem}s with a
 * {@link dev.onvifcloud.cloud.management.ManagementError} reason.
 */
package dev.onvifcloud.cloud.management;
