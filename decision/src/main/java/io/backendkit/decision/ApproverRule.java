package io.backendkit.decision;

import java.util.List;

/**
 * Who must sign off a kind of change on a profile (an entry of {@code named_approver_chain}).
 * Immutable and thread-safe.
 *
 * @param change the kind of change, e.g. {@code schema_change_production}
 * @param approvers the roles that must all approve, in the order written, e.g. {@code [tech-lead, on-call]}
 */
public record ApproverRule(String change, List<String> approvers) {

    /**
     * Copies the approver list, so later changes to the caller's list do not show here.
     *
     * @throws NullPointerException if {@code approvers} is null or holds a null
     */
    public ApproverRule {
        approvers = List.copyOf(approvers);
    }

    /**
     * The approvers joined for display, as profile files write them.
     *
     * @return the roles joined with {@code " + "}, e.g. {@code tech-lead + on-call}; empty when there
     *     are no approvers
     */
    public String approversText() {
        return String.join(" + ", approvers);
    }
}
