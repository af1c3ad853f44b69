package io.handoff.route53emu;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Minimal DOM helpers for reading request bodies. Elements are matched by local name, whatever their
 * namespace; DTDs and external entities are refused.
 */
final class XmlDom {

    private XmlDom() {
    }

    /**
     * Parses a request body and checks the root element's local name.
     *
     * @throws Route53Error {@code InvalidInput} if the body is empty, not well-formed or has another root
     */
    static Element parse(byte[] body, String expectedRoot) {
        if (body == null || body.length == 0) {
            throw Route53Error.invalidInput("Invalid request: expected an XML body " + expectedRoot);
        }
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            root = b.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (Exception e) {
            throw Route53Error.invalidInput("Invalid request: the XML body is not well-formed: " + e.getMessage());
        }
        if (!expectedRoot.equals(localName(root))) {
            throw Route53Error.invalidInput("Invalid request: expected " + expectedRoot + " but found "
                    + localName(root));
        }
        return root;
    }

    /** The first child element with that local name, or null. */
    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(localName(e))) {
                return e;
            }
        }
        return null;
    }

    /** All child elements with that local name, in document order. */
    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(localName(e))) {
                out.add(e);
            }
        }
        return out;
    }

    /** The trimmed text of the named child element, or null if absent. */
    static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    /** Like {@link #text} but the element must be present and non-empty. */
    static String requiredText(Element parent, String name) {
        String t = text(parent, name);
        if (t == null || t.isEmpty()) {
            throw Route53Error.invalidInput("Invalid request: missing required element " + name + " in "
                    + localName(parent));
        }
        return t;
    }

    /** The named child element, which must be present. */
    static Element requiredChild(Element parent, String name) {
        Element e = child(parent, name);
        if (e == null) {
            throw Route53Error.invalidInput("Invalid request: missing required element " + name + " in "
                    + localName(parent));
        }
        return e;
    }

    static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }
}
