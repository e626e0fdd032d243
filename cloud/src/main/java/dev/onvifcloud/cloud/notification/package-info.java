/**
 * Notifications from this Provisioning Cloud Service to Operational Cloud Services:
 * {@link dev.onvifcloud.cloud.notification.DeviceSharingCompletedNotifier} delivers {@code deviceSharingCompleted}
 * from the durable queue, with failover across the operation's endpoints, backoff with jitter
 * ({@link dev.onvifcloud.cloud.notification.JitteredSchedule}), dead letters, and the outbound address policy
 * re-checked and pinned at send time.
 */
package dev.onvifcloud.cloud.notification;
