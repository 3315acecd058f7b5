package io.backendkit.decision;

/**
 * The {@code constraints} object of a profile file: what a team must look like for the profile to
 * fit. Every component is optional (null when the file does not state it); each stated one becomes a
 * weighted check when scoring. Immutable and thread-safe.
 *
 * <table>
 * <caption>Keys, checks and weights</caption>
 * <tr><th>profile key</th><th>check</th><th>weight</th></tr>
 * <tr><td>{@code team_size_min}</td><td>team size &gt;= value</td><td>2.0</td></tr>
 * <tr><td>{@code team_size_max}</td><td>team size &lt;= value</td><td>2.0</td></tr>
 * <tr><td>{@code tenancy}</td><td>tenancy matches the text (see {@link RuleSet})</td><td>1.5</td></tr>
 * <tr><td>{@code data_sensitivity_tier_max}</td><td>sensitivity rank &lt;= rank of value</td><td>1.0</td></tr>
 * <tr><td>{@code pattern}</td><td>pattern matches the text (see {@link RuleSet})</td><td>2.0</td></tr>
 * <tr><td>{@code qps_p99_min}</td><td>p99 QPS &gt;= value</td><td>1.5</td></tr>
 * <tr><td>{@code platform_team_exists}</td><td>platform team == value</td><td>1.5</td></tr>
 * <tr><td>{@code admin_panel_needed}</td><td>admin panel == value</td><td>1.0</td></tr>
 * </table>
 *
 * @param teamSizeMin smallest team the profile suits, or null
 * @param teamSizeMax largest team the profile suits, or null
 * @param tenancy tenancy text, e.g. {@code shared-multi-tenant-or-isolated}, or null
 * @param dataSensitivityMax most sensitive tier the profile accepts, or null
 * @param pattern pattern text, e.g. {@code modular-monolith}, or null
 * @param qpsP99Min lowest p99 QPS that justifies the profile, or null
 * @param platformTeamExists whether the profile needs (true) or assumes the absence of (false) a platform team, or null
 * @param adminPanelNeeded whether the profile is for teams that need (true) or do not need an admin panel, or null
 */
public record ProfileConstraints(
        Integer teamSizeMin,
        Integer teamSizeMax,
        String tenancy,
        SensitivityTier dataSensitivityMax,
        String pattern,
        Long qpsP99Min,
        Boolean platformTeamExists,
        Boolean adminPanelNeeded) {}
