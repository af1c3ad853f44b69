package io.handoff.route53emu;

import java.util.Objects;

/** One change of a change batch: an action on a record set. */
record Change(ChangeAction action, RecordSet recordSet) {

    Change {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(recordSet, "recordSet");
    }
}
