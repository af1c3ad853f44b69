package io.handoff.localstack.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of a {@link Workload}: every acknowledged write, every attempt with its outcome and
 * every error recorded up to the moment it was taken. Acks are ordered by {@link Ack#acknowledgedAt()}, errors by {@link WriteError#at()}.
 * Servers are named by address, as in {@link Ack#server()}.
 */
public final class WorkloadReport {
    private static final Comparator<Ack> BY_ACK_TIME = Comparator.comparing(Ack::acknowledgedAt)
            .thenComparingLong(Ack::id);

    private final List<Ack> acks;
    private final List<WriteError> errors;
    private final Map<String, String> schemaByApplication;
    private final List<WriteAttempt> attempts;
    private final boolean complete;

    WorkloadReport(List<Ack> acks, List<WriteError> errors, Map<String, String> schemaByApplication) {
        this(acks, errors, schemaByApplication, List.of(), false);
    }

    WorkloadReport(List<Ack> acks, List<WriteError> errors, Map<String, String> schemaByApplication,
            List<WriteAttempt> attempts, boolean complete) {
        List<WriteAttempt> sortedAttempts = new ArrayList<>(attempts);
        sortedAttempts.sort(Comparator.comparingLong(WriteAttempt::id));
        this.attempts = List.copyOf(sortedAttempts);
        this.complete = complete;
        List<Ack> sortedAcks = new ArrayList<>(acks);
        sortedAcks.sort(BY_ACK_TIME);
        List<WriteError> sortedErrors = new ArrayList<>(errors);
        sortedErrors.sort(Comparator.comparing(WriteError::at));
        this.acks = List.copyOf(sortedAcks);
        this.errors = List.copyOf(sortedErrors);
        this.schemaByApplication = Map.copyOf(schemaByApplication);
    }

    /** Every write attempt with its outcome, by id. */
    public List<WriteAttempt> attempts() {
        return attempts;
    }

    /**
     * True when taken after the workload stopped: no write is pending, so a server's rows must match the
     * acknowledged writes exactly ({@link WorkloadReconciliation}); before, a row may also show a later write.
     */
    public boolean isFinal() {
        return complete;
    }

    /** The applications of the workload, by name. */
    public List<String> applications() {
        return new TreeMap<>(schemaByApplication).keySet().stream().toList();
    }

    /**
     * {@code application}'s own write-blocked time: the longest stretch between two consecutive acks of that
     * application, first to last (another application writing meanwhile does not shorten it); zero with fewer
     * than two acks.
     */
    public Duration longestGapBetweenAcksOf(String application) {
        Instant previous = null;
        Duration longest = Duration.ZERO;
        for (Ack ack : acks) {
            if (!ack.application().equals(application)) {
                continue;
            }
            if (previous != null) {
                longest = max(longest, Duration.between(previous, ack.acknowledgedAt()));
            }
            previous = ack.acknowledgedAt();
        }
        return longest;
    }

    /**
     * {@code application}'s longest gap between acknowledgements within {@code from} .. {@code to}, counting the window's
     * edges as acknowledgements (as {@link #longestGapBetweenAcks(Instant, Instant)} does for every application).
     */
    public Duration longestGapBetweenAcksOf(String application, Instant from, Instant to) {
        return longestGap(ack -> ack.application().equals(application), from, to);
    }

    public long acknowledgedCount() {
        return acks.size();
    }

    public long errorCount() {
        return errors.size();
    }

    /** All acks, by acknowledgement time. */
    public List<Ack> acks() {
        return acks;
    }

    /** All errors, by time. */
    public List<WriteError> errors() {
        return errors;
    }

    /** Number of acks per server address, ordered by address. */
    public Map<String, Long> acksByServer() {
        return countBy(acks, Ack::server);
    }

    /** Number of errors per server address ({@link WriteError#UNRESOLVED} for DNS failures), ordered by address. */
    public Map<String, Long> errorsByServer() {
        return countBy(errors, WriteError::server);
    }

    /**
     * The longest stretch within {@code [from, to]} in which no insert of any application was acknowledged
     * by any server: the largest distance between consecutive ack times in the window, counting {@code from}
     * and {@code to} as the window's ends. With a flip inside the window, this is the write-blocked time as
     * the applications saw it. No ack in the window: {@code to - from}.
     */
    public Duration longestGapBetweenAcks(Instant from, Instant to) {
        return longestGap(ack -> true, from, to);
    }

    private Duration longestGap(java.util.function.Predicate<Ack> which, Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("window ends before it starts: " + from + " .. " + to);
        }
        Instant previous = from;
        Duration longest = Duration.ZERO;
        for (Ack ack : acks) {
            Instant at = ack.acknowledgedAt();
            if (!which.test(ack) || at.isBefore(from)) {
                continue;
            }
            if (at.isAfter(to)) {
                break;
            }
            longest = max(longest, Duration.between(previous, at));
            previous = at;
        }
        return max(longest, Duration.between(previous, to));
    }

    /** {@link #longestGapBetweenAcks(Instant, Instant)} between the first and the last ack; zero without acks. */
    public Duration longestGapBetweenAcks() {
        return acks.isEmpty() ? Duration.ZERO
                : longestGapBetweenAcks(acks.get(0).acknowledgedAt(), acks.get(acks.size() - 1).acknowledgedAt());
    }

    /**
     * Acks by {@code server} that came back strictly after {@code after}. Empty proves that no insert
     * committed on that server after that moment. Beware an insert in flight: committed just before
     * {@code after}, its success may come back just after; {@link #acksOfInsertsSentAfter} leaves those out.
     */
    public List<Ack> acksOn(String server, Instant after) {
        return acks.stream()
                .filter(a -> a.server().equals(server) && a.acknowledgedAt().isAfter(after))
                .toList();
    }

    /**
     * Acks by {@code server} of inserts sent strictly after {@code sentAfter}: any of them proves that the
     * server still took writes after that moment.
     */
    public List<Ack> acksOfInsertsSentAfter(String server, Instant sentAfter) {
        return acks.stream()
                .filter(a -> a.server().equals(server) && a.sentAt().isAfter(sentAfter))
                .toList();
    }

    /** Errors seen on {@code server} strictly after {@code after}. */
    public List<WriteError> errorsOn(String server, Instant after) {
        return errors.stream()
                .filter(e -> e.server().equals(server) && e.at().isAfter(after))
                .toList();
    }

    /** First and last ack by {@code server}; empty if it acknowledged nothing. */
    public Optional<AckWindow> ackWindowOn(String server) {
        return Optional.ofNullable(ackWindowsByServer().get(server));
    }

    /** First and last ack per server address, ordered by address. */
    public Map<String, AckWindow> ackWindowsByServer() {
        Map<String, Instant> first = new TreeMap<>();
        Map<String, Instant> last = new TreeMap<>();
        for (Ack ack : acks) {
            first.putIfAbsent(ack.server(), ack.acknowledgedAt());
            last.put(ack.server(), ack.acknowledgedAt());
        }
        Map<String, AckWindow> windows = new TreeMap<>();
        first.forEach((server, at) -> windows.put(server, new AckWindow(at, last.get(server))));
        return Collections.unmodifiableMap(windows);
    }

    /** Every acknowledged id, ascending. A fresh array on each call. */
    public long[] acknowledgedIds() {
        return acks.stream().mapToLong(Ack::id).sorted().toArray();
    }

    /** The schema {@code application} writes to. */
    public String schemaOf(String application) {
        String schema = schemaByApplication.get(application);
        if (schema == null) {
            throw new IllegalArgumentException("not an application of this workload: " + application);
        }
        return schema;
    }

    /** The numbers ./demo prints; {@link WorkloadSummary#lostWrites()} is left for the caller to fill in. */
    public WorkloadSummary summary() {
        return new WorkloadSummary(acknowledgedCount(), errorCount(), acksByServer(), errorsByServer(),
                ackWindowsByServer(), longestGapBetweenAcks().toMillis(),
                acks.isEmpty() ? null : acks.get(0).acknowledgedAt(),
                acks.isEmpty() ? null : acks.get(acks.size() - 1).acknowledgedAt(), null);
    }

    private static <T> Map<String, Long> countBy(List<T> items, Function<T, String> server) {
        return Collections.unmodifiableMap(
                items.stream().collect(Collectors.groupingBy(server, TreeMap::new, Collectors.counting())));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
