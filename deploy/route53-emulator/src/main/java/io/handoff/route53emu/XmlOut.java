package io.handoff.route53emu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A tiny fluent wrapper over StAX that writes one Route 53 response document: the root element carries
 * the Route 53 namespace as default namespace, children are unqualified names in that namespace.
 */
final class XmlOut {

    /** Route 53's XML namespace. */
    static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";

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

    /** Starts a document with the given root element. */
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

    /** The finished document as a string (for tests and logs). */
    String finishAsString() {
        return new String(finish(), StandardCharsets.UTF_8);
    }
}
