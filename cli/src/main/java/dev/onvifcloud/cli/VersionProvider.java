package dev.onvifcloud.cli;

import picocli.CommandLine;

/** Reads the version from the jar's manifest (set by the build). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = OnvifCloud.class.getPackage().getImplementationVersion();
        return new String[] {
            "onvif-cloud " + (version == null ? "(development build)" : version),
            "ONVIF Cloud Integration Specification 25.12",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
