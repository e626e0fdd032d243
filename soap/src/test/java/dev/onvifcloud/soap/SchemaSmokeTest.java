package dev.onvifcloud.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SchemaSmokeTest {

    @Test
    void onvif_schemas_compile_from_the_spec_folder() {
        assertThat(SpecSchemas.schema()).isNotNull();
    }

    @Test
    void validation_rejects_an_element_the_schemas_do_not_declare() {
        String envelope = "<env:Envelope xmlns:env='http://www.w3.org/2003/05/soap-envelope'><env:Body>"
                + "<tup:NoSuchThing xmlns:tup='http://www.onvif.org/ver10/uplink/wsdl'/></env:Body></env:Envelope>";
        assertThat(SpecSchemas.errors(envelope.getBytes(StandardCharsets.UTF_8))).isEmpty(); // lax body
        String body = "<tup:SetUplink xmlns:tup='http://www.onvif.org/ver10/uplink/wsdl'/>";
        assertThat(SpecSchemas.errors(body.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }
}
