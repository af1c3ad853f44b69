package io.handoff.rdsemu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A tiny fluent wrapper over StAX that writes one RDS response document: the root element carries the
 * RDS namespace as default namespace, children are unqualified names in that namespace.
 */
final class XmlOut {

    /** RDS's XML namespace (API version 2014-10-31). */
    static final String NAMESPACE = "http://rds.amazonaws.com/doc/2014-10-31/";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final XMLStreamWriter w;

    private XmlOut(String root) {
        try {
            w = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(root);
            w.writeDefaultNamespace(NAMESPACE);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    static XmlOut document(String root) {
        return new XmlOut(root);
    }

    XmlOut start(String name) {
        try {
            w.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    XmlOut end() {
        try {
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Writes {@code <name>value</name>}; writes nothing when {@code value} is null. */
    XmlOut leaf(String name, Object value) {
        if (value == null) {
            return this;
        }
        try {
            w.writeStartElement(name);
            w.writeCharacters(String.valueOf(value));
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Closes all open elements and returns the UTF-8 document. */
    byte[] finish() {
        try {
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    String finishAsString() {
        return new String(finish(), StandardCharsets.UTF_8);
    }
}
