package io.backendkit.cli.internal;

import io.backendkit.core.Json;
import io.backendkit.decision.ArchitecturePattern;
import io.backendkit.decision.Constraints;
import io.backendkit.decision.DecisionEngine;
import io.backendkit.decision.Language;
import io.backendkit.decision.Recommendation;
import io.backendkit.decision.SensitivityTier;
import io.backendkit.decision.Tenancy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backendkit decide}: an explained architecture recommendation. It never approves anything. */
@Command(
        name = "decide",
        mixinStandardHelpOptions = true,
        description = "Score architecture profiles against a team's constraints; ranked and explained, never approved.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  backendkit decide --team-size 8 --qps-p99 50 --read-write-ratio 20 --tenancy shared_multi_tenant"
                    + " --data-sensitivity pii --pattern modular_monolith --language java",
            "  backendkit decide --answers answers.json --profiles profiles/ --format json"
        })
public final class DecideCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--answers", description = "The answers as JSON (the fields of Constraints).")
    Path answers;

    @Option(names = "--profiles", description = "A directory of profile JSON files instead of the built-in ones.")
    Path profiles;

    @Option(names = "--team-size")
    Integer teamSize;

    @Option(names = "--qps-p99")
    Long qpsP99;

    @Option(names = "--read-write-ratio")
    Double readWriteRatio;

    @Option(names = "--tenancy", description = "${COMPLETION-CANDIDATES}")
    Tenancy tenancy;

    @Option(names = "--data-sensitivity", description = "${COMPLETION-CANDIDATES}")
    SensitivityTier dataSensitivity;

    @Option(names = "--pattern", description = "${COMPLETION-CANDIDATES}")
    ArchitecturePattern pattern;

    @Option(names = "--language", description = "${COMPLETION-CANDIDATES}")
    Language language;

    @Option(names = "--platform-team")
    boolean platformTeam;

    @Option(names = "--admin-panel")
    boolean adminPanel;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws IOException {
        Constraints c;
        if (answers != null) {
            if (!Files.isReadable(answers)) {
                throw new Failures.UsageException("--answers " + answers + ": no such readable file");
            }
            c = Json.read(Files.readString(answers), Constraints.class, answers.toString());
        } else {
            Constraints.Builder b = Constraints.builder();
            if (teamSize != null) {
                b.teamSize(teamSize);
            }
            if (qpsP99 != null) {
                b.qpsP99(qpsP99);
            }
            if (readWriteRatio != null) {
                b.readWriteRatio(readWriteRatio);
            }
            if (tenancy != null) {
                b.tenancy(tenancy);
            }
            if (dataSensitivity != null) {
                b.dataSensitivity(dataSensitivity);
            }
            if (pattern != null) {
                b.pattern(pattern);
            }
            if (language != null) {
                b.language(language);
            }
            c = b.platformTeam(platformTeam).adminPanel(adminPanel).build();
        }
        DecisionEngine engine = profiles == null
                ? DecisionEngine.withBuiltInProfiles()
                : DecisionEngine.builder().profilesFromDirectory(profiles).build();
        Recommendation r = engine.recommend(c);
        spec.commandLine().getOut().println(format.equals("json") ? r.toJson() : r.toText());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
