package dev.onvifcloud.security.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Catches the {@link TokenRejectedException} a call must throw, so that tests can assert on its reason. */
public final class Rejections {

    private Rejections() {
    }

    public static TokenRejectedException rejection(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("a TokenRejectedException").isInstanceOf(TokenRejectedException.class);
        return (TokenRejectedException) thrown;
    }
}
