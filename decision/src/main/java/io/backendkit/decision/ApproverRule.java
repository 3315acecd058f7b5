package io.backendkit.decision;

import java.util.List;

/**
 * Who must sign off a kind of change on a profile (an entry of {@code named_approver_chain}).
 *
 * @param change the kind of change, e.g. {@code schema_change_production}
 * @param approvers the roles that must all approve, in the order written, e.g. {@code [tech-lead, on-call]}
 */
public record ApproverRule(String change, List<String> approvers) {

    /** Copies the approver list. */
    public ApproverRule {
        approvers = List.copyOf(approvers);
    }

    /** The approvers as the profile writes them: {@code tech-lead + on-call}. */
    public String approversText() {
        return String.join(" + ", approvers);
    }
}
