package dev.onvifcloud.device;

import dev.onvifcloud.soap.SoapFault;
import dev.onvifcloud.soap.Ter;
import java.time.Duration;

/**
 * The camera's firmware agent behind {@code tds:UpgradeFirmware}: starts a cloud firmware upgrade with the MCS and
 * answers the expected down time. The default refuses, and the device then signals no CloudFirmwareUpgrade
 * capability.
 */
public interface FirmwareUpgrade {

    /** Whether the device signals the CloudFirmwareUpgrade capability. */
    boolean supported();

    /**
     * Starts the upgrade to {@code version} (returning at once; the result comes as a
     * {@code tns1:Monitoring/CloudFirmwareUpgrade/Completed} event).
     *
     * @return the expected down time
     */
    Duration start(String version) throws ServiceFault;

    /** No cloud firmware upgrade: {@code env:Receiver / ter:ActionNotSupported}. */
    static FirmwareUpgrade notSupported() {
        return new FirmwareUpgrade() {
            @Override
            public boolean supported() {
                return false;
            }

            @Override
            public Duration start(String version) throws ServiceFault {
                throw new ServiceFault(SoapFault.receiver("Cloud firmware upgrade is not supported",
                        Ter.ACTION_NOT_SUPPORTED));
            }
        };
    }
}
