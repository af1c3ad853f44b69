package io.handoff.route53emu;

/** The three actions of a Route 53 change. */
enum ChangeAction {
    CREATE, UPSERT, DELETE
}
