package io.handoff.awsemu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A tiny fluent wrapper over StAX that writes one AWS API response document (Route 53's REST-XML, RDS's
 * Query protocol): the root element carries the API's namespace as default namespace, children are
 * unqualified names in that namespace.
 */
public final class XmlOut {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final XMLStreamWriter w;

    private XmlOut(String namespace, String root) {
        try {
            w = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(root);
            w.writeDefaultNamespace(namespace);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a document with the given root element in {@code namespace}, the API's XML namespace. */
    public static XmlOut document(String namespace, String root) {
        return new XmlOut(namespace, root);
    }

    public XmlOut start(String name) {
        try {
            w.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlOut end() {
        try {
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Writes {@code <name>value</name>}; writes nothing when {@code value} is null. */
    public XmlOut leaf(String name, Object value) {
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
    public byte[] finish() {
        try {
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** The finished document as a string (for tests and logs). */
    public String finishAsString() {
        return new String(finish(), StandardCharsets.UTF_8);
    }
}
