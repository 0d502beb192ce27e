package org.mekong.web.internal;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;

import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/** Jackson for the Mekong application: ISO dates, no nulls, unknown fields rejected with a 400. */
@Component(service = { MessageBodyReader.class, MessageBodyWriter.class })
@JaxrsExtension
@JaxrsName("mekong.json")
@JaxrsMediaType(MediaType.APPLICATION_JSON)
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@Produces({ MediaType.APPLICATION_JSON, "application/*+json" })
@Consumes({ MediaType.APPLICATION_JSON, "application/*+json" })
public class JsonProvider extends JacksonJsonProvider {

    public JsonProvider() {
        super(mapper());
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
