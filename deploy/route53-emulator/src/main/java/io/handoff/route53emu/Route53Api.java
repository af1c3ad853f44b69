package io.handoff.route53emu;

import io.handoff.awsemu.ApiCall;
import io.handoff.awsemu.ApiResponse;
import io.handoff.awsemu.ApiService;
import io.handoff.awsemu.RawRequest;
import io.handoff.awsemu.UrlParams;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Route 53 operations: routes a request by its method and path ({@link ApiRouter}) and turns the routed
 * {@link ApiRequest} into an {@link ApiResponse}, reading and writing the {@link ZoneStore}. Problems are
 * thrown as {@link Route53Error}.
 */
final class Route53Api implements ApiService {

    private static final int DEFAULT_ZONE_PAGE = 100;
    private static final int DEFAULT_RECORD_PAGE = 300;

    private final ZoneStore store;
    private final URI endpoint;

    /**
     * @param store    the state
     * @param endpoint the emulator's base URI, used for the {@code Location} header of created zones
     */
    Route53Api(ZoneStore store, URI endpoint) {
        this.store = store;
        this.endpoint = endpoint;
    }

    /** Routes the request; the log names the zone or change in the path. {@code InvalidAction} when no route matches. */
    @Override
    public ApiCall resolve(RawRequest raw) {
        ApiRouter.Route route = ApiRouter.route(raw.method(), raw.rawPath());
        String resource = route.id() == null ? null
                : (route.operation() == ApiRouter.Operation.GetChange ? "change=" : "zone=") + route.id();
        return new ApiCall(route.operation().name(), resource,
                requestId -> handle(new ApiRequest(route, UrlParams.query(raw.rawQuery()), raw.body())));
    }

    private ApiResponse handle(ApiRequest request) {
        ApiRouter.Route route = request.route();
        switch (route.operation()) {
            case CreateHostedZone:
                return createHostedZone(request);
            case GetHostedZone:
                return ApiResponse.ok(ResponseXmlWriter.getHostedZone(entry(store.zone(route.id()))));
            case DeleteHostedZone:
                return ApiResponse.ok(ResponseXmlWriter.deleteHostedZone(store.deleteZone(route.id()), store.now()));
            case ListHostedZones:
                return listHostedZones(request);
            case ListHostedZonesByName:
                return listHostedZonesByName(request);
            case ChangeResourceRecordSets:
                return changeResourceRecordSets(request);
            case ListResourceRecordSets:
                return listResourceRecordSets(request);
            case GetChange:
                return ApiResponse.ok(ResponseXmlWriter.getChange(store.change(route.id()), store.now()));
            default:
                throw new IllegalStateException("unhandled operation " + route.operation());
        }
    }

    private ApiResponse createHostedZone(ApiRequest request) {
        RequestXmlReader.CreateZoneInput in = RequestXmlReader.readCreateHostedZone(request.body());
        ZoneStore.CreatedZone created = store.createZone(in.name(), in.callerReference(), in.comment(),
                in.privateZone());
        String location = endpoint.toString().replaceAll("/+$", "") + "/" + ApiRouter.VERSION + "/hostedzone/"
                + created.zone().id();
        byte[] body = ResponseXmlWriter.createHostedZone(entry(created.zone()), created.change(), store.now());
        return new ApiResponse(201, Map.of("Location", location), body);
    }

    private ApiResponse listHostedZones(ApiRequest request) {
        String marker = request.param("marker");
        int maxItems = request.intParam("maxitems", DEFAULT_ZONE_PAGE, DEFAULT_ZONE_PAGE);
        List<HostedZone> zones = store.zones();
        int start = 0;
        if (marker != null) {
            start = -1;
            for (int i = 0; i < zones.size(); i++) {
                if (zones.get(i).id().equals(marker)) {
                    start = i;
                }
            }
            if (start < 0) {
                throw Route53Error.invalidInput("Invalid request: marker is not a hosted zone id: " + marker);
            }
        }
        int end = Math.min(zones.size(), start + maxItems);
        String nextMarker = end < zones.size() ? zones.get(end).id() : null;
        return ApiResponse.ok(ResponseXmlWriter.listHostedZones(entries(zones.subList(start, end)), marker,
                nextMarker, maxItems));
    }

    private ApiResponse listHostedZonesByName(ApiRequest request) {
        String dnsName = request.param("dnsname");
        String zoneId = request.param("hostedzoneid");
        int maxItems = request.intParam("maxitems", DEFAULT_ZONE_PAGE, DEFAULT_ZONE_PAGE);
        if (zoneId != null && dnsName == null) {
            throw Route53Error.invalidInput("Invalid request: hostedzoneid requires dnsname");
        }
        String start = dnsName == null ? null : normalizedName(dnsName);
        List<HostedZone> zones = new ArrayList<>(store.zones());
        zones.sort(Comparator.comparing(HostedZone::name, DnsNames.REVERSED_LABEL_ORDER)
                .thenComparing(HostedZone::id));
        List<HostedZone> from = new ArrayList<>();
        for (HostedZone z : zones) {
            int c = start == null ? 0 : DnsNames.compareReversed(z.name(), start);
            if (c > 0 || (c == 0 && (zoneId == null || z.id().compareTo(zoneId) >= 0))) {
                from.add(z);
            }
        }
        List<HostedZone> page = from.subList(0, Math.min(maxItems, from.size()));
        ResponseXmlWriter.ZoneEntry next = from.size() > maxItems ? entry(from.get(maxItems)) : null;
        return ApiResponse.ok(ResponseXmlWriter.listHostedZonesByName(entries(page), start, zoneId, next,
                maxItems));
    }

    private ApiResponse changeResourceRecordSets(ApiRequest request) {
        String zoneId = request.route().id();
        store.zone(zoneId); // NoSuchHostedZone before any body problem, as Route 53 answers
        RequestXmlReader.ChangeBatchInput in = RequestXmlReader.readChangeBatch(request.body());
        ChangeInfo change = store.applyBatch(zoneId, in.changes(), in.comment());
        return ApiResponse.ok(ResponseXmlWriter.changeResourceRecordSets(change, store.now()));
    }

    private ApiResponse listResourceRecordSets(ApiRequest request) {
        String name = request.param("name");
        String type = request.param("type");
        String identifier = request.param("identifier");
        int maxItems = request.intParam("maxitems", DEFAULT_RECORD_PAGE, DEFAULT_RECORD_PAGE);
        if (type != null && name == null) {
            throw Route53Error.invalidInput("Invalid request: type requires name");
        }
        if (identifier != null && type == null) {
            throw Route53Error.invalidInput("Invalid request: identifier requires name and type");
        }
        if (type != null) {
            type = type.toUpperCase(Locale.ROOT);
            if (!ChangeBatchValidator.SUPPORTED_TYPES.contains(type)) {
                throw Route53Error.invalidInput("Invalid request: unknown record type " + type);
            }
        }
        String startName = name == null ? null : normalizedName(name);
        List<RecordSet> all = store.recordSets(request.route().id());
        List<RecordSet> from = new ArrayList<>();
        for (RecordSet rs : all) {
            if (startName == null || compareToStart(rs, startName, type, identifier) >= 0) {
                from.add(rs);
            }
        }
        List<RecordSet> page = from.subList(0, Math.min(maxItems, from.size()));
        RecordSet.Key next = from.size() > maxItems ? from.get(maxItems).key() : null;
        return ApiResponse.ok(ResponseXmlWriter.listResourceRecordSets(
                new ResponseXmlWriter.RecordPage(page, next, maxItems)));
    }

    /** Compares a record set with a (partial) start position of ListResourceRecordSets. */
    private static int compareToStart(RecordSet rs, String name, String type, String identifier) {
        int c = DnsNames.compareReversed(rs.name(), name);
        if (c != 0 || type == null) {
            return c;
        }
        c = rs.type().compareTo(type);
        if (c != 0 || identifier == null) {
            return c;
        }
        return rs.setIdentifier() == null ? -1 : rs.setIdentifier().compareTo(identifier);
    }

    private static String normalizedName(String name) {
        try {
            return DnsNames.normalize(name);
        } catch (IllegalArgumentException e) {
            throw Route53Error.invalidInput("Invalid request: " + e.getMessage());
        }
    }

    private ResponseXmlWriter.ZoneEntry entry(HostedZone zone) {
        return new ResponseXmlWriter.ZoneEntry(zone, store.recordSetCount(zone.id()));
    }

    private List<ResponseXmlWriter.ZoneEntry> entries(List<HostedZone> zones) {
        return zones.stream().map(this::entry).toList();
    }
}
