package io.handoff.route53emu;

import io.handoff.awsemu.UrlParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps an HTTP method and raw request path to a Route 53 operation and the resource id in the path.
 *
 * <p>Ids are accepted bare ({@code Z123}) or with their resource prefix, encoded
 * ({@code %2Fhostedzone%2FZ123}) or not ({@code /hostedzone//hostedzone/Z123}); the route always
 * carries the bare id. A trailing slash is ignored ({@code .../rrset/} and {@code .../rrset} match).
 */
final class ApiRouter {

    static final String VERSION = "2013-04-01";

    private ApiRouter() {
    }

    /** The operations the emulator implements, by their Route 53 API names. */
    enum Operation {
        CreateHostedZone, GetHostedZone, DeleteHostedZone, ListHostedZones, ListHostedZonesByName,
        ChangeResourceRecordSets, ListResourceRecordSets, GetChange
    }

    /**
     * A matched route.
     *
     * @param operation the operation
     * @param id        the bare hosted zone or change id from the path, null for operations without one
     */
    record Route(Operation operation, String id) {
    }

    /**
     * Routes a request.
     *
     * @throws Route53Error {@code InvalidAction} if no emulated operation matches
     */
    static Route route(String method, String rawPath) {
        List<String> seg = segments(rawPath);
        if (seg.isEmpty() || !seg.get(0).equals(VERSION)) {
            throw Route53Error.unknownOperation(method, rawPath);
        }
        seg = seg.subList(1, seg.size());
        if (seg.size() == 1) {
            switch (method + " " + seg.get(0)) {
                case "POST hostedzone":
                    return new Route(Operation.CreateHostedZone, null);
                case "GET hostedzone":
                    return new Route(Operation.ListHostedZones, null);
                case "GET hostedzonesbyname":
                    return new Route(Operation.ListHostedZonesByName, null);
                default:
                    throw Route53Error.unknownOperation(method, rawPath);
            }
        }
        if (seg.get(0).equals("change") && seg.size() == 2 && method.equals("GET")) {
            return new Route(Operation.GetChange, stripPrefix(seg.get(1), "change"));
        }
        if (seg.get(0).equals("hostedzone")) {
            List<String> rest = seg.subList(1, seg.size());
            if (rest.size() > 1 && rest.get(0).equals("hostedzone")) {
                rest = rest.subList(1, rest.size());
            }
            String id = stripPrefix(rest.get(0), "hostedzone");
            String sub = rest.size() == 2 ? rest.get(1) : rest.size() == 1 ? "" : null;
            switch (method + " " + sub) {
                case "GET ":
                    return new Route(Operation.GetHostedZone, id);
                case "DELETE ":
                    return new Route(Operation.DeleteHostedZone, id);
                case "POST rrset":
                    return new Route(Operation.ChangeResourceRecordSets, id);
                case "GET rrset":
                    return new Route(Operation.ListResourceRecordSets, id);
                default:
                    break;
            }
        }
        throw Route53Error.unknownOperation(method, rawPath);
    }

    /** Non-empty path segments, each percent-decoded. */
    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(UrlParams.decodeComponent(s));
            }
        }
        return out;
    }

    private static String stripPrefix(String id, String resource) {
        String s = id;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        if (s.startsWith(resource + "/")) {
            s = s.substring(resource.length() + 1);
        }
        return s;
    }
}
