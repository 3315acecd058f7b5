package io.backendkit.decision.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backendkit.core.Finding;
import io.backendkit.core.Json;
import io.backendkit.core.TextTable;
import io.backendkit.decision.AntiPattern;
import io.backendkit.decision.ApproverRule;
import io.backendkit.decision.ConstraintCheck;
import io.backendkit.decision.Constraints;
import io.backendkit.decision.Profile;
import io.backendkit.decision.ProfileMatch;
import io.backendkit.decision.Recommendation;
import io.backendkit.decision.SloFloor;
import io.backendkit.decision.Stack;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/** Renders a {@link Recommendation} as Markdown-like text and as JSON. */
public final class RecommendationRenderer {

    private RecommendationRenderer() {}

    /** The text rendering; sections in a fixed order, lines end with {@code \n}. */
    public static String text(Recommendation r) {
        StringBuilder out = new StringBuilder();
        ProfileMatch best = r.best();
        Profile profile = best.profile();
        out.append("# Architecture recommendation: ")
                .append(profile.name())
                .append(" (")
                .append(Findings.percent(best.score()))
                .append(")\n\n");
        out.append("NOT APPROVED. backendkit never approves an architecture. Sign-off is needed from: ")
                .append(String.join(", ", r.requiredApprovers()))
                .append(" (approver chain below).\n");
        if (r.blocked()) {
            out.append("\n## Kill criteria tripped: stop and resolve before going on\n\n");
            for (Finding kill : r.killCriteria()) {
                out.append("- ")
                        .append(kill.code())
                        .append(": ")
                        .append(kill.message())
                        .append('\n');
                kill.suggestedFixIfPresent()
                        .ifPresent(fix -> out.append("  fix: ").append(fix).append('\n'));
            }
        }
        out.append("\n## Inputs\n\n");
        inputs(r.constraints(), out);
        out.append("\n## Ranking (rules: ").append(r.ruleSet().wireName()).append(")\n\n");
        TextTable.Builder ranking = TextTable.builder("rank", "profile", "score", "matched", "total")
                .alignRight(0, 2, 3, 4);
        for (ProfileMatch m : r.ranking()) {
            ranking.row(
                    m.rank(),
                    m.name(),
                    Findings.percent(m.score()),
                    Findings.weight(m.matchedWeight()),
                    Findings.weight(m.totalWeight()));
        }
        out.append(ranking.build().render());
        out.append("\n## Recommended: ").append(profile.name()).append("\n\n");
        if (!profile.description().isBlank()) {
            out.append(profile.description()).append("\n\n");
        }
        out.append("Score breakdown:\n\n");
        out.append(breakdown(best));
        r.runnerUpIfPresent().ifPresent(runnerUp -> {
            out.append("\n## Close runner-up: ")
                    .append(runnerUp.name())
                    .append(" (")
                    .append(Findings.percent(runnerUp.score()))
                    .append(")\n\n");
            if (!runnerUp.profile().description().isBlank()) {
                out.append(runnerUp.profile().description()).append("\n\n");
            }
            out.append("Score breakdown:\n\n").append(breakdown(runnerUp));
        });
        for (Stack stack : r.stacks()) {
            out.append("\n## ")
                    .append(stack.variant().isEmpty() ? "Stack" : "Stack (" + stack.variant() + ")")
                    .append("\n\n");
            for (Stack.Pick pick : stack.picks()) {
                out.append("- ")
                        .append(pick.component())
                        .append(": ")
                        .append(pick.choicesText())
                        .append('\n');
            }
        }
        if (!r.antiPatterns().isEmpty()) {
            out.append("\n## Anti-patterns: do not introduce on this profile\n\n");
            for (AntiPattern a : r.antiPatterns()) {
                out.append("- [")
                        .append(a.level().name().toLowerCase(Locale.ROOT))
                        .append("] ")
                        .append(a.name())
                        .append(": ")
                        .append(a.text())
                        .append('\n');
            }
        }
        SloFloor f = r.sloFloor();
        out.append("\n## SLO floor (verifiable success criteria)\n\n");
        out.append("- API latency p50 / p95 / p99: ")
                .append(f.p50LatencyMillis())
                .append(" / ")
                .append(f.p95LatencyMillis())
                .append(" / ")
                .append(f.p99LatencyMillis())
                .append(" ms\n");
        out.append("- uptime: ").append(Findings.fraction(f.uptimeTarget())).append('\n');
        out.append("- RPO: ")
                .append(f.rpoMinutes())
                .append(" min, RTO: ")
                .append(f.rtoMinutes())
                .append(" min\n");
        if (f.throughputRpsMin() != null) {
            out.append("- throughput: at least ").append(f.throughputRpsMin()).append(" requests/s\n");
        }
        if (f.testCoverageMin() != null) {
            out.append("- test coverage: at least ")
                    .append(Findings.fraction(f.testCoverageMin()))
                    .append('\n');
        }
        if (f.securityScanSeverityMax() != null) {
            out.append("- security scan: no findings above ")
                    .append(f.securityScanSeverityMax())
                    .append('\n');
        }
        out.append("\n## Approver chain (who must sign off)\n\n");
        for (ApproverRule rule : r.approverChain()) {
            out.append("- ")
                    .append(rule.change())
                    .append(": ")
                    .append(rule.approversText())
                    .append('\n');
        }
        if (!r.findings().isEmpty()) {
            out.append("\n## Findings\n\n");
            for (Finding finding : r.findings()) {
                out.append("- ")
                        .append(finding.severity())
                        .append(' ')
                        .append(finding.code())
                        .append(": ")
                        .append(finding.message())
                        .append('\n');
            }
        }
        if (!r.canonReferences().isEmpty()) {
            out.append("\n## Canon\n\n");
            for (String reference : r.canonReferences()) {
                out.append("- ").append(reference).append('\n');
            }
        }
        return out.toString();
    }

    private static void inputs(Constraints c, StringBuilder out) {
        out.append("- team size: ").append(c.teamSize()).append('\n');
        out.append("- p99 QPS (one-year forecast): ").append(c.qpsP99()).append('\n');
        out.append("- read/write ratio: ").append(number(c.readWriteRatio())).append('\n');
        out.append("- tenancy: ").append(c.tenancy().wireName()).append('\n');
        out.append("- data sensitivity: ")
                .append(c.dataSensitivity().wireName())
                .append('\n');
        out.append("- pattern: ").append(c.pattern().wireName()).append('\n');
        out.append("- language: ")
                .append(c.language() == null ? "no preference" : c.language().wireName())
                .append('\n');
        out.append("- platform team: ").append(c.platformTeam() ? "yes" : "no").append('\n');
        out.append("- admin panel needed: ")
                .append(c.adminPanel() ? "yes" : "no")
                .append('\n');
        if (c.p99LatencyTargetMillis() != null) {
            out.append("- p99 latency target: ")
                    .append(c.p99LatencyTargetMillis())
                    .append(" ms\n");
        }
        if (c.uptimeTarget() != null) {
            out.append("- uptime target: ")
                    .append(Findings.fraction(c.uptimeTarget()))
                    .append('\n');
        }
        if (c.rpoTargetMinutes() != null) {
            out.append("- RPO target: ").append(c.rpoTargetMinutes()).append(" min\n");
        }
        if (c.rtoTargetMinutes() != null) {
            out.append("- RTO target: ").append(c.rtoTargetMinutes()).append(" min\n");
        }
    }

    private static String breakdown(ProfileMatch m) {
        TextTable.Builder table = TextTable.builder("constraint", "team value", "result", "weight", "points")
                .alignRight(3, 4)
                .maxColumnWidth(72);
        for (ConstraintCheck c : m.checks()) {
            String result = c.matched() ? "matched" : c.bonus() ? "no bonus" : "VIOLATED";
            table.row(
                    c.expectation(),
                    c.actual(),
                    result,
                    Findings.weight(c.weight()),
                    String.format(Locale.ROOT, "%.1f", c.points()));
        }
        return table.build().render();
    }

    /** The JSON rendering, built as a tree so key order is fixed. */
    public static String json(Recommendation r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("approved", r.approved());
        root.put("blocked", r.blocked());
        root.put("ruleSet", r.ruleSet().wireName());
        root.put("recommended", r.profile().name());
        if (r.runnerUp() == null) {
            root.putNull("runnerUp");
        } else {
            root.put("runnerUp", r.runnerUp().name());
        }
        ArrayNode approvers = root.putArray("requiredApprovers");
        r.requiredApprovers().forEach(approvers::add);
        root.set("inputs", inputs(r.constraints()));
        root.set("killCriteria", findings(r.killCriteria()));
        ArrayNode ranking = root.putArray("ranking");
        for (ProfileMatch m : r.ranking()) {
            ObjectNode match = ranking.addObject();
            match.put("rank", m.rank());
            match.put("profile", m.name());
            match.put("score", round(m.score(), 4));
            match.put("matchedWeight", m.matchedWeight());
            match.put("totalWeight", m.totalWeight());
            ArrayNode checks = match.putArray("checks");
            for (ConstraintCheck c : m.checks()) {
                ObjectNode check = checks.addObject();
                check.put("key", c.key());
                check.put("expectation", c.expectation());
                check.put("actual", c.actual());
                check.put("matched", c.matched());
                check.put("bonus", c.bonus());
                check.put("weight", c.weight());
                check.put("points", round(c.points(), 2));
            }
        }
        Profile p = r.profile();
        root.put("description", p.description());
        ObjectNode stacks = root.putObject("stacks");
        for (Stack stack : p.stacks()) {
            stacks.set(stack.key(), ProfileJson.stackNode(stack));
        }
        ArrayNode anti = root.putArray("antiPatterns");
        for (AntiPattern a : p.antiPatterns()) {
            ObjectNode node = anti.addObject();
            node.put("name", a.name());
            node.put("level", a.level().name().toLowerCase(Locale.ROOT));
            node.put("text", a.text());
        }
        SloFloor s = p.sloFloor();
        ObjectNode floor = root.putObject("sloFloor");
        floor.put("p50LatencyMillis", s.p50LatencyMillis());
        floor.put("p95LatencyMillis", s.p95LatencyMillis());
        floor.put("p99LatencyMillis", s.p99LatencyMillis());
        floor.put("uptimeTarget", s.uptimeTarget());
        floor.put("rpoMinutes", s.rpoMinutes());
        floor.put("rtoMinutes", s.rtoMinutes());
        if (s.throughputRpsMin() != null) {
            floor.put("throughputRpsMin", s.throughputRpsMin());
        }
        if (s.testCoverageMin() != null) {
            floor.put("testCoverageMin", s.testCoverageMin());
        }
        if (s.securityScanSeverityMax() != null) {
            floor.put("securityScanSeverityMax", s.securityScanSeverityMax());
        }
        ArrayNode chain = root.putArray("approverChain");
        for (ApproverRule rule : p.approverChain()) {
            ObjectNode node = chain.addObject();
            node.put("change", rule.change());
            ArrayNode names = node.putArray("approvers");
            rule.approvers().forEach(names::add);
        }
        ArrayNode canon = root.putArray("canonReferences");
        p.canonReferences().forEach(canon::add);
        root.set("findings", findings(r.findings()));
        return Json.writePretty(root);
    }

    private static ObjectNode inputs(Constraints c) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("teamSize", c.teamSize());
        node.put("qpsP99", c.qpsP99());
        node.put("readWriteRatio", c.readWriteRatio());
        node.put("tenancy", c.tenancy().wireName());
        node.put("dataSensitivity", c.dataSensitivity().wireName());
        node.put("pattern", c.pattern().wireName());
        if (c.language() == null) {
            node.putNull("language");
        } else {
            node.put("language", c.language().wireName());
        }
        node.put("platformTeam", c.platformTeam());
        node.put("adminPanel", c.adminPanel());
        if (c.p99LatencyTargetMillis() != null) {
            node.put("p99LatencyTargetMillis", c.p99LatencyTargetMillis());
        }
        if (c.uptimeTarget() != null) {
            node.put("uptimeTarget", c.uptimeTarget());
        }
        if (c.rpoTargetMinutes() != null) {
            node.put("rpoTargetMinutes", c.rpoTargetMinutes());
        }
        if (c.rtoTargetMinutes() != null) {
            node.put("rtoTargetMinutes", c.rtoTargetMinutes());
        }
        return node;
    }

    private static ArrayNode findings(List<Finding> findings) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Finding finding : findings) {
            ObjectNode node = array.addObject();
            node.put("severity", finding.severity().name());
            node.put("code", finding.code());
            node.put("message", finding.message());
            if (finding.location() != null) {
                node.put("location", finding.location());
            }
            if (finding.suggestedFix() != null) {
                node.put("suggestedFix", finding.suggestedFix());
            }
        }
        return array;
    }

    private static double round(double value, int decimals) {
        return BigDecimal.valueOf(value)
                .setScale(decimals, RoundingMode.HALF_EVEN)
                .doubleValue();
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
