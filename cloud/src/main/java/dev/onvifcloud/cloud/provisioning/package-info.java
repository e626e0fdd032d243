/**
 * The Provisioning Cloud Service's side of device sharing: {@code POST /startDeviceSharing} validated as a whole
 * and persisted atomically ({@link dev.onvifcloud.cloud.provisioning.ProvisioningService}), its HTTP routes
 * ({@link dev.onvifcloud.cloud.provisioning.ProvisioningApi}), and the
 * {@link dev.onvifcloud.cloud.provisioning.OutboundAddressPolicy} that decides where a peer may make us connect,
 * with the client that connects only there ({@link dev.onvifcloud.cloud.provisioning.PinnedHttpsClient}) and the
 * {@link dev.onvifcloud.cloud.provisioning.QueuePoller} of the outbound delivery queues.
 */
package dev.onvifcloud.cloud.provisioning;
