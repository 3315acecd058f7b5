package io.backendkit.decision.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backendkit.core.Json;
import io.backendkit.decision.AntiPattern;
import io.backendkit.decision.ApproverRule;
import io.backendkit.decision.ArchitecturePattern;
import io.backendkit.decision.DecisionException;
import io.backendkit.decision.Profile;
import io.backendkit.decision.ProfileConstraints;
import io.backendkit.decision.SensitivityTier;
import io.backendkit.decision.SloFloor;
import io.backendkit.decision.Stack;
import io.backendkit.decision.Tenancy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes profiles in the original decision engine's JSON format, validating by hand so
 * that every problem names the file and the key (as a JSON pointer).
 *
 * <p>The tree is read with Jackson's {@link JsonNode} model, so no profile type needs reflective
 * access. All problems of one file are reported together.
 */
public final class ProfileJson {

    /** Keys allowed at the top level, besides {@code stack_<variant>}. */
    static final List<String> TOP_KEYS = List.of(
            "$schema",
            "profile_name",
            "description",
            "version",
            "constraints",
            "stack",
            "anti_recommendations",
            "success_thresholds",
            "named_approver_chain",
            "canon_references");

    static final List<String> CONSTRAINT_KEYS = List.of(
            "team_size_min",
            "team_size_max",
            "tenancy",
            "data_sensitivity_tier_max",
            "pattern",
            "qps_p99_min",
            "platform_team_exists",
            "admin_panel_needed");

    static final List<String> THRESHOLD_KEYS = List.of(
            "p50_api_latency_ms",
            "p95_api_latency_ms",
            "p99_api_latency_ms",
            "uptime_target",
            "test_coverage_min",
            "security_scan_severity_max",
            "rpo_minutes_max",
            "rto_minutes_max",
            "throughput_rps_min");

    static final List<String> SCAN_SEVERITIES = List.of("none", "low", "medium", "high", "critical");

    private static final Pattern STACK_VARIANT = Pattern.compile("stack_[a-z0-9][a-z0-9_-]*");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ProfileJson() {}

    /**
     * Parses and validates one profile document.
     *
     * @param text the JSON text
     * @param source where it comes from, used as the exception location and as {@link Profile#source()}
     * @param fallbackName the name to use when {@code profile_name} is absent (the file name without
     *     {@code .json}, as the original engine does)
     * @throws DecisionException located at {@code source}, listing every problem with its JSON pointer
     */
    public static Profile parse(String text, String source, String fallbackName) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc != null && loc.getLineNr() > 0
                    ? source + " line " + loc.getLineNr() + ", column " + loc.getColumnNr()
                    : source;
            throw new DecisionException(where, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new DecisionException(source, "the file is empty; a profile is a JSON object");
        }
        return new Reader(source).profile(root, fallbackName);
    }

    /** The profile as an indented JSON document in the original format. */
    public static String write(Profile p) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("profile_name", p.name());
        root.put("description", p.description());
        if (p.version() != null) {
            root.put("version", p.version());
        }
        ObjectNode c = root.putObject("constraints");
        ProfileConstraints pc = p.constraints();
        putIfNotNull(c, "team_size_min", pc.teamSizeMin());
        putIfNotNull(c, "team_size_max", pc.teamSizeMax());
        if (pc.tenancy() != null) {
            c.put("tenancy", pc.tenancy());
        }
        if (pc.dataSensitivityMax() != null) {
            c.put("data_sensitivity_tier_max", pc.dataSensitivityMax().wireName());
        }
        if (pc.pattern() != null) {
            c.put("pattern", pc.pattern());
        }
        if (pc.qpsP99Min() != null) {
            c.put("qps_p99_min", pc.qpsP99Min());
        }
        if (pc.platformTeamExists() != null) {
            c.put("platform_team_exists", pc.platformTeamExists());
        }
        if (pc.adminPanelNeeded() != null) {
            c.put("admin_panel_needed", pc.adminPanelNeeded());
        }
        for (Stack stack : p.stacks()) {
            root.set(stack.key(), stackNode(stack));
        }
        if (!p.antiPatterns().isEmpty()) {
            ObjectNode anti = root.putObject("anti_recommendations");
            for (AntiPattern a : p.antiPatterns()) {
                anti.put(a.name(), a.text());
            }
        }
        ObjectNode t = root.putObject("success_thresholds");
        SloFloor s = p.sloFloor();
        t.put("p50_api_latency_ms", s.p50LatencyMillis());
        t.put("p95_api_latency_ms", s.p95LatencyMillis());
        t.put("p99_api_latency_ms", s.p99LatencyMillis());
        t.put("uptime_target", s.uptimeTarget());
        if (s.testCoverageMin() != null) {
            t.put("test_coverage_min", s.testCoverageMin());
        }
        if (s.securityScanSeverityMax() != null) {
            t.put("security_scan_severity_max", s.securityScanSeverityMax());
        }
        t.put("rpo_minutes_max", s.rpoMinutes());
        t.put("rto_minutes_max", s.rtoMinutes());
        putIfNotNull(t, "throughput_rps_min", s.throughputRpsMin());
        ObjectNode approvers = root.putObject("named_approver_chain");
        for (ApproverRule rule : p.approverChain()) {
            approvers.put(rule.change(), rule.approversText());
        }
        if (!p.canonReferences().isEmpty()) {
            ArrayNode canon = root.putArray("canon_references");
            p.canonReferences().forEach(canon::add);
        }
        return Json.writePretty(root);
    }

    /** A stack as a JSON object: single picks as strings, option lists as arrays. */
    static ObjectNode stackNode(Stack stack) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Stack.Pick pick : stack.picks()) {
            if (pick.optionList()) {
                ArrayNode options = node.putArray(pick.component());
                pick.choices().forEach(options::add);
            } else {
                node.put(pick.component(), pick.choices().get(0));
            }
        }
        return node;
    }

    private static void putIfNotNull(ObjectNode node, String key, Integer value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    /** Validating reader for one document; collects every problem before failing. */
    private static final class Reader {
        private final String source;
        private final List<String> problems = new ArrayList<>();

        Reader(String source) {
            this.source = source;
        }

        Profile profile(JsonNode root, String fallbackName) {
            if (!root.isObject()) {
                throw new DecisionException(
                        source, "a profile must be a JSON object (found " + typeName(root) + " at the top level)");
            }
            checkKeys(root, "", TOP_KEYS, true);
            optionalText(root, "$schema", "");
            String name = optionalText(root, "profile_name", "");
            if (name == null) {
                name = fallbackName;
            } else if (name.isBlank()) {
                problems.add("/profile_name: must not be blank");
            }
            String description = optionalText(root, "description", "");
            String version = optionalText(root, "version", "");
            ProfileConstraints constraints = constraints(root.get("constraints"));
            List<Stack> stacks = stacks(root);
            List<AntiPattern> antiPatterns = antiPatterns(root.get("anti_recommendations"));
            SloFloor floor = thresholds(root.get("success_thresholds"));
            List<ApproverRule> approvers = approvers(root.get("named_approver_chain"));
            List<String> canon = canon(root.get("canon_references"));
            if (!problems.isEmpty()) {
                String detail = problems.size() == 1
                        ? problems.get(0)
                        : problems.size() + " problems: " + String.join("; ", problems);
                throw new DecisionException(source, detail);
            }
            return new Profile(
                    name, description, version, constraints, stacks, antiPatterns, floor, approvers, canon, source);
        }

        private ProfileConstraints constraints(JsonNode node) {
            if (!requireObject(node, "/constraints")) {
                return null;
            }
            checkKeys(node, "/constraints", CONSTRAINT_KEYS, false);
            Integer min = optionalInt(node, "team_size_min", "/constraints", 1, Integer.MAX_VALUE);
            Integer max = optionalInt(node, "team_size_max", "/constraints", 1, Integer.MAX_VALUE);
            if (min != null && max != null && min > max) {
                problems.add("/constraints/team_size_max: must be >= team_size_min (" + max + " < " + min + ")");
            }
            String tenancy = optionalText(node, "tenancy", "/constraints");
            if (tenancy != null
                    && Arrays.stream(Tenancy.values()).noneMatch(t -> TextMatch.matches(tenancy, t.wireName(), true))) {
                problems.add("/constraints/tenancy: '" + tenancy + "' matches none of " + wireNames(Tenancy.values())
                        + ", so no team could ever meet it");
            }
            SensitivityTier tier = null;
            String tierText = optionalText(node, "data_sensitivity_tier_max", "/constraints");
            if (tierText != null) {
                tier = Arrays.stream(SensitivityTier.values())
                        .filter(t -> t.wireName().equals(tierText.strip().toLowerCase(Locale.ROOT)))
                        .findFirst()
                        .orElse(null);
                if (tier == null) {
                    problems.add("/constraints/data_sensitivity_tier_max: unknown tier '" + tierText + "'; accepted: "
                            + wireNames(SensitivityTier.values()));
                }
            }
            String pattern = optionalText(node, "pattern", "/constraints");
            if (pattern != null
                    && Arrays.stream(ArchitecturePattern.values())
                            .noneMatch(p -> TextMatch.matches(pattern, p.wireName(), true))) {
                problems.add("/constraints/pattern: '" + pattern + "' matches none of "
                        + wireNames(ArchitecturePattern.values()) + ", so no team could ever meet it");
            }
            Long qps = optionalLong(node, "qps_p99_min", "/constraints");
            Boolean platform = optionalBoolean(node, "platform_team_exists", "/constraints");
            Boolean admin = optionalBoolean(node, "admin_panel_needed", "/constraints");
            return new ProfileConstraints(min, max, tenancy, tier, pattern, qps, platform, admin);
        }

        private List<Stack> stacks(JsonNode root) {
            List<Stack> stacks = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                String key = field.getKey();
                if (!key.equals("stack") && !STACK_VARIANT.matcher(key).matches()) {
                    continue;
                }
                String pointer = "/" + escape(key);
                if (!requireObject(field.getValue(), pointer)) {
                    continue;
                }
                List<Stack.Pick> picks = new ArrayList<>();
                for (Map.Entry<String, JsonNode> pick : field.getValue().properties()) {
                    String at = pointer + "/" + escape(pick.getKey());
                    JsonNode value = pick.getValue();
                    if (value.isTextual() && !value.asText().isBlank()) {
                        picks.add(new Stack.Pick(pick.getKey(), List.of(value.asText()), false));
                    } else if (value.isArray() && !value.isEmpty()) {
                        List<String> options = new ArrayList<>();
                        for (int i = 0; i < value.size(); i++) {
                            JsonNode option = value.get(i);
                            if (option.isTextual() && !option.asText().isBlank()) {
                                options.add(option.asText());
                            } else {
                                problems.add(
                                        at + "/" + i + ": must be a non-blank string (found " + typeName(option) + ")");
                            }
                        }
                        picks.add(new Stack.Pick(pick.getKey(), options, true));
                    } else {
                        problems.add(at + ": must be a non-blank string or a non-empty array of strings (found "
                                + typeName(value) + ")");
                    }
                }
                stacks.add(new Stack(key, picks));
            }
            return stacks;
        }

        private List<AntiPattern> antiPatterns(JsonNode node) {
            List<AntiPattern> result = new ArrayList<>();
            if (node == null) {
                return result;
            }
            if (!requireObject(node, "/anti_recommendations")) {
                return result;
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String at = "/anti_recommendations/" + escape(e.getKey());
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    problems.add(at + ": must be a non-blank string (found " + typeName(e.getValue()) + ")");
                    continue;
                }
                String text = e.getValue().asText();
                String lower = text.strip().toLowerCase(Locale.ROOT);
                AntiPattern.Level level = lower.startsWith("kill")
                        ? AntiPattern.Level.KILL
                        : lower.startsWith("warn") ? AntiPattern.Level.WARN : AntiPattern.Level.NOTE;
                result.add(new AntiPattern(e.getKey(), level, text));
            }
            return result;
        }

        private SloFloor thresholds(JsonNode node) {
            if (!requireObject(node, "/success_thresholds")) {
                return null;
            }
            String at = "/success_thresholds";
            checkKeys(node, at, THRESHOLD_KEYS, false);
            Integer p50 = requiredInt(node, "p50_api_latency_ms", at, 1);
            Integer p95 = requiredInt(node, "p95_api_latency_ms", at, 1);
            Integer p99 = requiredInt(node, "p99_api_latency_ms", at, 1);
            if (p50 != null && p95 != null && p50 > p95) {
                problems.add(at + "/p95_api_latency_ms: must be >= p50_api_latency_ms (" + p95 + " < " + p50 + ")");
            }
            if (p95 != null && p99 != null && p95 > p99) {
                problems.add(at + "/p99_api_latency_ms: must be >= p95_api_latency_ms (" + p99 + " < " + p95 + ")");
            }
            Double uptime = fraction(node, "uptime_target", at, true, false);
            Double coverage = fraction(node, "test_coverage_min", at, false, true);
            String scan = optionalText(node, "security_scan_severity_max", at);
            if (scan != null && !SCAN_SEVERITIES.contains(scan.strip().toLowerCase(Locale.ROOT))) {
                problems.add(at + "/security_scan_severity_max: unknown severity '" + scan + "'; accepted: "
                        + String.join(", ", SCAN_SEVERITIES));
            }
            Integer rpo = requiredInt(node, "rpo_minutes_max", at, 0);
            Integer rto = requiredInt(node, "rto_minutes_max", at, 0);
            Integer throughput = optionalInt(node, "throughput_rps_min", at, 0, Integer.MAX_VALUE);
            if (p50 == null || p95 == null || p99 == null || uptime == null || rpo == null || rto == null) {
                return null;
            }
            return new SloFloor(p50, p95, p99, uptime, coverage, scan, rpo, rto, throughput);
        }

        private List<ApproverRule> approvers(JsonNode node) {
            List<ApproverRule> result = new ArrayList<>();
            String at = "/named_approver_chain";
            if (!requireObject(node, at)) {
                return result;
            }
            if (node.isEmpty()) {
                problems.add(at + ": must name at least one approver; backendkit never approves on its own");
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String ruleAt = at + "/" + escape(e.getKey());
                if (!e.getValue().isTextual()) {
                    problems.add(ruleAt + ": must be a string such as \"tech-lead + on-call\" (found "
                            + typeName(e.getValue()) + ")");
                    continue;
                }
                List<String> names = Arrays.stream(e.getValue().asText().split("\\+"))
                        .map(String::strip)
                        .toList();
                if (names.stream().anyMatch(String::isEmpty)) {
                    problems.add(ruleAt + ": approver list '" + e.getValue().asText()
                            + "' has an empty name; write roles joined by ' + '");
                    continue;
                }
                result.add(new ApproverRule(e.getKey(), names));
            }
            return result;
        }

        private List<String> canon(JsonNode node) {
            List<String> result = new ArrayList<>();
            if (node == null) {
                return result;
            }
            if (!node.isArray()) {
                problems.add("/canon_references: must be an array of strings (found " + typeName(node) + ")");
                return result;
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isTextual() && !item.asText().isBlank()) {
                    result.add(item.asText());
                } else {
                    problems.add(
                            "/canon_references/" + i + ": must be a non-blank string (found " + typeName(item) + ")");
                }
            }
            return result;
        }

        private void checkKeys(JsonNode node, String at, List<String> known, boolean allowStackVariants) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String key = property.getKey();
                if (known.contains(key)
                        || (allowStackVariants && STACK_VARIANT.matcher(key).matches())) {
                    continue;
                }
                String hint = Suggest.closest(key, known)
                        .map(s -> " (did you mean '" + s + "'?)")
                        .orElse(" (known keys: " + String.join(", ", known)
                                + (allowStackVariants ? ", stack_<variant>" : "") + ")");
                problems.add(at + "/" + escape(key) + ": unknown key" + hint);
            }
        }

        private boolean requireObject(JsonNode node, String at) {
            if (node == null) {
                problems.add(at + ": missing required object");
                return false;
            }
            if (!node.isObject()) {
                problems.add(at + ": must be an object (found " + typeName(node) + ")");
                return false;
            }
            return true;
        }

        private String optionalText(JsonNode parent, String key, String at) {
            JsonNode node = parent.get(key);
            if (node == null) {
                return null;
            }
            if (!node.isTextual()) {
                problems.add(at + "/" + escape(key) + ": must be a string (found " + typeName(node) + ")");
                return null;
            }
            return node.asText();
        }

        private Integer optionalInt(JsonNode parent, String key, String at, int min, int max) {
            JsonNode node = parent.get(key);
            if (node == null) {
                return null;
            }
            String where = at + "/" + escape(key);
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                problems.add(where + ": must be a whole number (found " + describe(node) + ")");
                return null;
            }
            int value = node.intValue();
            if (value < min || value > max) {
                problems.add(where + ": must be >= " + min + " (was " + value + ")");
                return null;
            }
            return value;
        }

        private Integer requiredInt(JsonNode parent, String key, String at, int min) {
            if (parent.get(key) == null) {
                problems.add(at + "/" + escape(key) + ": missing required number");
                return null;
            }
            return optionalInt(parent, key, at, min, Integer.MAX_VALUE);
        }

        private Long optionalLong(JsonNode parent, String key, String at) {
            JsonNode node = parent.get(key);
            if (node == null) {
                return null;
            }
            String where = at + "/" + escape(key);
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                problems.add(where + ": must be a whole number (found " + describe(node) + ")");
                return null;
            }
            if (node.longValue() < 0) {
                problems.add(where + ": must be >= 0 (was " + node.longValue() + ")");
                return null;
            }
            return node.longValue();
        }

        private Boolean optionalBoolean(JsonNode parent, String key, String at) {
            JsonNode node = parent.get(key);
            if (node == null) {
                return null;
            }
            if (!node.isBoolean()) {
                problems.add(at + "/" + escape(key) + ": must be true or false (found " + describe(node) + ")");
                return null;
            }
            return node.booleanValue();
        }

        /** A number in (0, 1), or [0, 1] when {@code inclusive}. */
        private Double fraction(JsonNode parent, String key, String at, boolean required, boolean inclusive) {
            JsonNode node = parent.get(key);
            String where = at + "/" + escape(key);
            if (node == null) {
                if (required) {
                    problems.add(where + ": missing required number");
                }
                return null;
            }
            if (!node.isNumber()) {
                problems.add(where + ": must be a number (found " + describe(node) + ")");
                return null;
            }
            double value = node.doubleValue();
            boolean ok = inclusive ? value >= 0 && value <= 1 : value > 0 && value < 1;
            if (!ok) {
                problems.add(where + ": must be a fraction " + (inclusive ? "in [0, 1]" : "between 0 and 1, e.g. 0.999")
                        + " (was " + node.asText() + ")");
                return null;
            }
            return value;
        }
    }

    private static String describe(JsonNode node) {
        return node.isValueNode() ? typeName(node) + " " + node : typeName(node);
    }

    private static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY -> "binary data";
            case MISSING -> "nothing";
        };
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static <E extends Enum<E>> String wireNames(E[] values) {
        return Arrays.stream(values).map(Object::toString).collect(Collectors.joining(", "));
    }
}
