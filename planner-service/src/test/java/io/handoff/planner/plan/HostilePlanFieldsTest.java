package io.handoff.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 22: values a hostile or careless client sends that no run could use, that would overflow, or that no DNS,
 * SQL or Kafka layer should see. Each is refused with exactly one finding naming its field, and nothing else
 * is thrown.
 */
class HostilePlanFieldsTest {
    private static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private final PlanValidator validator = new PlanValidator(Set.of("source", "target"));

    static Stream<Arguments> hostileFields() {
        return Stream.of(
                arguments("name", "a 1 MB name", flip(p -> named(p, "x".repeat(1 << 20)))),
                arguments("name", "64 characters", flip(p -> named(p, "x".repeat(64)))),
                arguments("name", "an SQL quote", flip(p -> named(p, "shop'; DROP TABLE orders; --"))),
                arguments("name", "a NUL", flip(p -> named(p, "shop\u0000aurora"))),
                arguments("name", "a trailing CRLF", flip(p -> named(p, "shop-to-aurora\r\n"))),
                arguments("name", "a leading dot", flip(p -> named(p, ".hidden"))),
                arguments("source", "an unknown cluster with a quote", flip(p -> new PlanRequest(p.name(), "source'", p.target(),
                        p.phases(), p.prepare(), p.flip(), p.gates(), p.approvals(), p.applications()))),
                arguments("applications[0].name", "a space", flip(p -> app(p, 0, new PlanRequest.Application("store front", null,
                        p.applications().get(0).records())))),
                arguments("applications[0].records[0].zone", "a quote", record(zoned("internal.example.'", "db.internal.example."))),
                arguments("applications[0].records[0].zone", "an empty label", record(zoned("internal..example.", "db.x."))),
                arguments("applications[0].records[0].name", "outside its zone", record(zoned("internal.example.",
                        "db.storefront.evil.example."))),
                arguments("applications[0].records[0].name", "a suffix that is no label", record(zoned("example.",
                        "db.storefrontexample."))),
                arguments("applications[0].records[0].name", "a CRLF", record(zoned("internal.example.",
                        "db\r\n.internal.example."))),
                arguments("applications[0].records[0].source", "an A record naming a host", record(valued("A", "db.example.", "127.0.0.3"))),
                arguments("applications[0].records[0].target", "an A record of 999.1.1.1", record(valued("A", "127.0.0.2", "999.1.1.1"))),
                arguments("applications[0].records[0].target", "an A record of an IPv6 address", record(valued("A", "127.0.0.2", "::1"))),
                arguments("applications[0].records[0].source", "a CNAME with a space", record(valued("CNAME", "a b.example.", "c.example."))),
                arguments("applications[0].records[0].name", "a CNAME at the zone apex", record(new PlanRequest.DnsRecord(
                        "internal.example.", "internal.example.", "CNAME", 1, "a.example.", "b.example."))),
                arguments("applications[1].records[0].name", "a record given twice, spelt differently", flip(p -> app(p, 1,
                        new PlanRequest.Application("billing", null, List.of(Plans.record("INTERNAL.example",
                                "DB.storefront.internal.example")))))),
                arguments("applications", "101 applications", flip(p -> new PlanRequest(p.name(), p.source(), p.target(),
                        p.phases(), p.prepare(), p.flip(), p.gates(), p.approvals(), java.util.stream.IntStream.range(0, 101)
                        .mapToObj(i -> new PlanRequest.Application("app" + i, null, List.of(Plans.record("internal.example.",
                                "db.app" + i + ".internal.example.")))).toList()))),
                arguments("applications[0].records", "21 records", record(java.util.stream.IntStream.range(0, 21)
                        .mapToObj(i -> zoned("internal.example.", "db" + i + ".internal.example.")).toList())),
                arguments("flip.syncTimeout", "20 digits of seconds", flip(p -> syncTimeout(p, "99999999999999999999s"))),
                arguments("flip.syncTimeout", "days beyond a Duration", flip(p -> syncTimeout(p, "999999999999999999d"))),
                arguments("flip.syncTimeout", "an ISO duration beyond a long", flip(p -> syncTimeout(p, "PT99999999999999999999S"))),
                arguments("gates.lagWaitTimeout", "longer than a day", flip(p -> gates(p, new PlanRequest.Gates(500, "25h")))),
                arguments("gates.lagWaitTimeout", "hours beyond a Duration", flip(p -> gates(p, new PlanRequest.Gates(500,
                        "9999999999999999h")))),
                arguments("gates.maxLagMs", "more than an hour", flip(p -> gates(p, new PlanRequest.Gates(Integer.MAX_VALUE, null)))),
                arguments("flip.exemptUsers[0]", "an SQL quote", flip(p -> exempt(p, "auth'@'%"))),
                arguments("flip.exemptUsers[0]", "a line break", flip(p -> exempt(p, "auth\nroot"))),
                arguments("approvals[0]", "a null gate", flip(p -> new PlanRequest(p.name(), p.source(), p.target(), p.phases(),
                        p.prepare(), p.flip(), p.gates(), new ArrayList<>(java.util.Collections.singletonList(null)), p.applications()))),
                arguments("applications[0].healthCheck", "a URL of 3000 characters", flip(p -> app(p, 0, new PlanRequest.Application(
                        "storefront", "http://storefront.internal/" + "x".repeat(3000), p.applications().get(0).records())))),
                arguments("prepare.retainBinlog", "days beyond a Duration", prepare(null, "9999999999999999999d", null)),
                arguments("prepare.schemas[0]", "a backquote and a statement", prepare(List.of("shop`; DROP DATABASE shop; --"), null, null)),
                arguments("prepare.schemas[0]", "a NUL", prepare(List.of("shop\u0000"), null, null)),
                arguments("prepare.schemas[1]", "only digits", prepare(List.of("shop", "2024"), null, null)),
                arguments("prepare.seed.position", "text that is no position", external("garbage")),
                arguments("prepare.seed.position", "an offset beyond a long", external("mysql-bin.000001:99999999999999999999")),
                arguments("prepare.seed.position", "a quote in the binlog file", external("mysql'bin.000001:4")),
                arguments("prepare.seed.position", "a GTID interval beyond a long", external(UUID + ":1-99999999999999999999")),
                arguments("prepare.seed.position", "a MariaDB GTID with a quote", external("0-1-42'")),
                arguments("prepare.seed.logLine", "a semicolon in the binlog file name", seed(new PlanRequest.Seed("xtrabackup",
                        "MySQL binlog position: filename 'bin;DROP.000001', position '4'", null))),
                arguments("gates.allowDriftIn[0]", "a quote in the table", plan(Plans.whole("p", null, List.of("shop.or'ders")))),
                arguments("gates.caughtUpFor", "an ISO duration beyond a Duration", plan(Plans.whole("p", "PT9999999999999999H", null))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileFields")
    void eachHostileValueIsOneFindingNamingItsField(String field, String what, PlanRequest request) {
        InvalidPlanException refused = catchThrowableOfType(InvalidPlanException.class, () -> validator.validate(request));

        assertThat(refused).as(what).isNotNull();
        assertThat(refused.errors()).extracting(FieldError::field).as(what).containsExactly(field);
        assertThat(refused.errors().get(0).message()).as("a refusal repeats at most a short, escaped part of the value")
                .hasSizeLessThan(400).doesNotContain("\r", "\n", "\u0000");
    }

    @Test
    void realisticNamesRecordsAndPositionsStayValid() {
        assertThat(validator.validate(Plans.valid(null)).name()).isEqualTo("shop-to-aurora");
        assertThat(validator.validate(named(Plans.valid(null), "source-to-target-writable-first_2.1")).name())
                .isEqualTo("source-to-target-writable-first_2.1");
        assertThat(validator.validate(record(valued("CNAME", "shop.cluster-abc.eu-west-1.rds.amazonaws.com",
                "_aurora-1.example."))).applications().get(0).records().get(0).type()).isEqualTo("CNAME");
        for (String position : List.of("auto", "mysql-bin.000042:1337", "0-1-42,1-2-7", UUID + ":1-42,\n" + UUID.replace('3', '4')
                + ":1-5:7", UUID + ":tag_1:1-3")) {
            assertThat(validator.validate(external(position)).prepare().seed().position()).as(position).isNotNull();
        }
        assertThat(validator.validate(prepare(List.of("shop", "shop_billing", "$legacy", "2024_orders"), null, null))
                .prepare().schemas()).hasSize(4);
    }

    @Test
    void durationsThatOverflowDoNotParse() {
        for (String text : List.of("99999999999999999999s", "9223372036854775807d", "-9223372036854775808h", "PT99999999999999999999S",
                "P9999999999999999999D")) {
            assertThat(DurationText.parse(text)).as(text).isEmpty();
        }
        assertThat(DurationText.parse("106751991167300d")).isPresent();
    }

    private static PlanRequest flip(UnaryOperator<PlanRequest> change) {
        return plan(change.apply(Plans.valid(null)));
    }

    private static PlanRequest plan(PlanRequest request) {
        return request;
    }

    private static PlanRequest record(PlanRequest.DnsRecord record) {
        return record(List.of(record));
    }

    private static PlanRequest record(List<PlanRequest.DnsRecord> records) {
        return flip(p -> app(p, 0, new PlanRequest.Application("storefront", null, records)));
    }

    private static PlanRequest.DnsRecord zoned(String zone, String name) {
        return new PlanRequest.DnsRecord(zone, name, "A", 1, "127.0.0.2", "127.0.0.3");
    }

    private static PlanRequest.DnsRecord valued(String type, String source, String target) {
        return new PlanRequest.DnsRecord("internal.example.", "db.storefront.internal.example.", type, 1, source, target);
    }

    private static PlanRequest prepare(List<String> schemas, String retainBinlog, PlanRequest.Seed seed) {
        PlanRequest whole = Plans.whole("p", null, null);
        PlanRequest.Prepare prepare = new PlanRequest.Prepare(schemas == null ? whole.prepare().schemas() : schemas,
                retainBinlog, seed == null ? whole.prepare().seed() : seed, null, null);
        return plan(new PlanRequest(whole.name(), whole.source(), whole.target(), whole.phases(), prepare, whole.flip(),
                whole.gates(), whole.approvals(), whole.applications()));
    }

    private static PlanRequest seed(PlanRequest.Seed seed) {
        return prepare(null, null, seed);
    }

    private static PlanRequest external(String position) {
        return seed(new PlanRequest.Seed("external", null, position));
    }

    private static PlanRequest named(PlanRequest p, String name) {
        return new PlanRequest(name, p.source(), p.target(), p.phases(), p.prepare(), p.flip(), p.gates(), p.approvals(),
                p.applications());
    }

    private static PlanRequest app(PlanRequest p, int index, PlanRequest.Application app) {
        List<PlanRequest.Application> apps = new ArrayList<>(p.applications());
        apps.set(index, app);
        return new PlanRequest(p.name(), p.source(), p.target(), p.phases(), p.prepare(), p.flip(), p.gates(), p.approvals(), apps);
    }

    private static PlanRequest syncTimeout(PlanRequest p, String timeout) {
        PlanRequest.Flip f = p.flip();
        return flipOf(p, new PlanRequest.Flip(f.order(), f.readOnly(), f.kill(), f.exemptUsers(), timeout, f.window(),
                f.maxTtlSeconds()));
    }

    private static PlanRequest exempt(PlanRequest p, String user) {
        PlanRequest.Flip f = p.flip();
        return flipOf(p, new PlanRequest.Flip(f.order(), f.readOnly(), f.kill(), List.of(user), f.syncTimeout(), f.window(),
                f.maxTtlSeconds()));
    }

    private static PlanRequest flipOf(PlanRequest p, PlanRequest.Flip flip) {
        return new PlanRequest(p.name(), p.source(), p.target(), p.phases(), p.prepare(), flip, p.gates(), p.approvals(),
                p.applications());
    }

    private static PlanRequest gates(PlanRequest p, PlanRequest.Gates gates) {
        return new PlanRequest(p.name(), p.source(), p.target(), p.phases(), p.prepare(), p.flip(), gates, p.approvals(),
                p.applications());
    }
}
