/**
 * Fixtures for the modules' tests, used with {@code <scope>test</scope>}: {@link dev.onvifcloud.testing.SettableClock}.
 */
package dev.onvifcloud.testing;
