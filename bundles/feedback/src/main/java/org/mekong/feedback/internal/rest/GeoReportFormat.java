package org.mekong.feedback.internal.rest;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How Open311 GeoReport v2 answers are written: JSON or XML as the path's extension says
 * ({@code .json}, {@code .xml}), without an extension as the {@code Accept} header says (JSON by
 * default); errors as the GeoReport list {@code [{"code", "description"}]} ({@code <errors><error>}).
 */
final class GeoReportFormat {
    static final String XML_TYPE = "text/xml; charset=UTF-8";
    static final String JSON_TYPE = MediaType.APPLICATION_JSON + "; charset=UTF-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoReportFormat() {
    }

    /** True for XML: the extension {@code .xml}, or no extension and an Accept that prefers XML to JSON. */
    static boolean xml(String extension, List<MediaType> accept) {
        if (extension != null && !extension.isEmpty()) {
            return extension.endsWith("xml");
        }
        for (MediaType m : accept == null ? List.<MediaType>of() : accept) {
            if (m.isWildcardSubtype() || m.getSubtype().equals("json") || m.getSubtype().endsWith("+json")) {
                return false;
            }
            if (m.getSubtype().equals("xml") || m.getSubtype().endsWith("+xml")) {
                return true;
            }
        }
        return false;
    }

    static Response.ResponseBuilder ok(int status, boolean xml, String root, String element, Object value) {
        return Response.status(status).entity(xml ? xml(root, element, value) : json(value))
                .type(xml ? XML_TYPE : JSON_TYPE);
    }

    /** The GeoReport error list of one error. */
    static Response.ResponseBuilder error(int status, String description, boolean xml) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status);
        error.put("description", description);
        return ok(status, xml, "errors", "error", List.of(error));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Maps and lists as XML elements: a list's items become {@code element}s inside {@code root}. */
    static String xml(String root, String element, Object value) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(root);
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    write(w, element, item);
                }
            } else if (value instanceof Map<?, ?> map) {
                writeFields(w, map);
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void write(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        w.writeStartElement(name);
        if (value instanceof Map<?, ?> map) {
            writeFields(w, map);
        } else if (value instanceof List<?> list) {
            String child = name.endsWith("s") ? name.substring(0, name.length() - 1) : name + "_item";
            for (Object item : list) {
                write(w, child, item);
            }
        } else if (value != null) {
            w.writeCharacters(String.valueOf(value));
        }
        w.writeEndElement();
    }

    private static void writeFields(XMLStreamWriter w, Map<?, ?> map) throws XMLStreamException {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            write(w, String.valueOf(e.getKey()), e.getValue());
        }
    }
}
