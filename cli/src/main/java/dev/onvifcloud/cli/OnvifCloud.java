package dev.onvifcloud.cli;

public final class OnvifCloud {
    public static void main(String[] args) {
        System.out.println("onvif-cloud");
    }
}
