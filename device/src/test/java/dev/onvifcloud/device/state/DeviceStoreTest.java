package dev.onvifcloud.device.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onvifcloud.device.ServiceFault;
import dev.onvifcloud.soap.SoapFault;
import dev.onvifcloud.soap.Ter;
import dev.onvifcloud.soap.uplink.UplinkConfiguration;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceStoreTest {

    private static final UplinkConfiguration UPLINK = new UplinkConfiguration(URI.create("https://ocs.test/uplink"),
            Optional.empty(), List.of("Administrator"), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    @TempDir
    Path directory;

    private final List<DeviceState> committed = new ArrayList<>();

    private DeviceStore store() {
        return new DeviceStore(new StateFile(directory), DeviceState.empty(), committed::add);
    }

    @Test
    void a_new_store_writes_the_initial_state() {
        DeviceState initial = DeviceState.empty().withUplink(UPLINK);
        new DeviceStore(new StateFile(directory), initial, committed::add);
        assertThat(new StateFile(directory).load()).contains(initial);
    }

    @Test
    void a_change_is_on_disk_before_it_is_answered_and_visible() throws ServiceFault {
        DeviceStore store = store();
        String answer = store.update(state -> {
            assertThat(new StateFile(directory).load()).contains(DeviceState.empty());
            return new DeviceStore.Result<>(state.withUplink(UPLINK), "done");
        });
        assertThat(answer).isEqualTo("done");
        assertThat(new StateFile(directory).load()).contains(store.state());
        assertThat(store.state().uplinks()).containsKey(UPLINK.remoteAddress());
        assertThat(committed).containsExactly(store.state());
    }

    @Test
    void a_change_to_an_equal_state_writes_nothing() throws Exception {
        DeviceStore store = store();
        store.update(state -> new DeviceStore.Result<>(state.withUplink(UPLINK), null));
        DeviceState before = store.state();
        Path file = directory.resolve(StateFile.FILE_NAME);
        Files.delete(file); // a save would bring it back

        store.update(state -> new DeviceStore.Result<>(state.withUplink(UPLINK), null)); // SetUplink sent again

        assertThat(file).doesNotExist();
        assertThat(store.state()).isSameAs(before);
        assertThat(committed).containsExactly(before, before); // told again: the uplinks are re-applied
    }

    @Test
    void a_refused_change_writes_nothing_and_leaves_the_state() throws Exception {
        DeviceStore store = store();
        Path file = directory.resolve(StateFile.FILE_NAME);
        Files.delete(file);
        ServiceFault refusal = new ServiceFault(SoapFault.receiver("full", Ter.ACTION));

        assertThatThrownBy(() -> store.update(state -> {
            throw refusal;
        })).isSameAs(refusal);

        assertThat(file).doesNotExist();
        assertThat(store.state()).isEqualTo(DeviceState.empty());
        assertThat(committed).isEmpty();
    }

    @Test
    void a_store_reopened_on_the_directory_has_the_last_change() throws ServiceFault {
        store().update(state -> new DeviceStore.Result<>(state.withUplink(UPLINK), null));
        DeviceStore reopened = new DeviceStore(new StateFile(directory), DeviceState.empty(), committed::add);
        assertThat(reopened.state().uplinks()).containsKey(UPLINK.remoteAddress());
    }
}
