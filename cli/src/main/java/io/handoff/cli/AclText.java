package io.handoff.cli;

import org.apache.kafka.common.acl.AclBinding;

/** One ACL binding as {@code handoff topics --acls} prints it: principal, permission, operation, resource. */
final class AclText {
    private AclText() {
    }

    /** e.g. {@code User:cutover ALLOW READ TOPIC handoff.commands.cutover}, a prefixed resource ending in {@code *}. */
    static String of(AclBinding binding) {
        String name = binding.pattern().name()
                + (binding.pattern().patternType() == org.apache.kafka.common.resource.PatternType.PREFIXED ? "*" : "");
        return binding.entry().principal() + " " + binding.entry().permissionType() + " " + binding.entry().operation() + " "
                + binding.pattern().resourceType() + " " + name;
    }
}
