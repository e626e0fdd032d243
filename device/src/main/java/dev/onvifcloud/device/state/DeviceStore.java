package dev.onvifcloud.device.state;

import dev.onvifcloud.device.ServiceFault;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The camera's configuration: the current {@link DeviceState}, changed one operation at a time and written to
 * the {@link StateFile} before the change becomes visible (so an answered request is never lost by a restart).
 * Thread-safe; the only writer of its file.
 */
public final class DeviceStore {

    /** A change of the state; may refuse with a fault, leaving the state as it was. */
    @FunctionalInterface
    public interface Change<T> {
        Result<T> apply(DeviceState state) throws ServiceFault;
    }

    /** The new state and what the operation answers. */
    public record Result<T>(DeviceState state, T value) {
        public Result {
            Objects.requireNonNull(state, "state");
        }
    }

    private final StateFile file;
    private final Consumer<DeviceState> listener;
    private volatile DeviceState state;

    /**
     * @param file     where the state lives
     * @param initial  the state when the file holds none (factory defaults)
     * @param listener told of every committed state, under the store's lock
     */
    public DeviceStore(StateFile file, DeviceState initial, Consumer<DeviceState> listener) {
        this.file = Objects.requireNonNull(file, "file");
        this.listener = Objects.requireNonNull(listener, "listener");
        DeviceState loaded = file.load().orElse(null);
        if (loaded == null) {
            file.save(initial);
            loaded = initial;
        }
        this.state = loaded;
    }

    /** The current state. */
    public DeviceState state() {
        return state;
    }

    /**
     * Applies a change, persists it, then makes it visible; returns the operation's answer. A change to an equal
     * state (a SetUplink sent again) writes nothing: the file holds it already; the listener is told again, so
     * that whatever follows the state (the uplinks) is applied again as before.
     */
    public synchronized <T> T update(Change<T> change) throws ServiceFault {
        Result<T> result = change.apply(state);
        if (result.state() == state) {
            return result.value();
        }
        if (!result.state().equals(state)) {
            file.save(result.state());
            state = result.state();
        }
        listener.accept(state);
        return result.value();
    }
}
