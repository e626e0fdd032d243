package dev.onvifcloud.soap;

import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.events.EventOperations;
import dev.onvifcloud.soap.security.SecurityOperations;
import dev.onvifcloud.soap.uplink.UplinkOperations;
import java.util.ArrayList;
import java.util.List;

/** Every operation of this module. */
public final class Operations {

    private Operations() {
    }

    /** The device, advanced security, uplink and event operations. */
    public static List<Operation<?, ?>> all() {
        List<Operation<?, ?>> all = new ArrayList<>();
        all.addAll(DeviceOperations.ALL);
        all.addAll(SecurityOperations.ALL);
        all.addAll(UplinkOperations.ALL);
        all.addAll(EventOperations.ALL);
        return List.copyOf(all);
    }
}
