package dev.onvifcloud.benchmarks;
final class Placeholder {}
