/**
 * Fixtures for the modules' tests, used with {@code <scope>test</scope>}: {@link dev.onvifcloud.testing.SettableClock},
 * {@link dev.onvifcloud.testing.InMemoryHandshake} (also used by the benchmarks).
 */
package dev.onvifcloud.testing;
