/**
 * The Provisioning Cloud Service's sharing worker ({@link dev.onvifcloud.cloud.provisioning.worker.SharingWorker}):
 * configures cameras for Operational Cloud Services, step by step and crash-safe, through their factory uplinks.
 */
package dev.onvifcloud.cloud.provisioning.worker;
