package io.backendkit.cli.internal;

import java.util.List;

/**
 * A Kubernetes manifest that runs a sharded load test: a ReadWriteMany volume for the interval logs and an Indexed
 * Job whose pods run {@code backendkit load ... --shard $JOB_COMPLETION_INDEX/N}; the pod with index 0, after its own
 * shard, waits for every shard's log and runs {@code backendkit load merge} with the same thresholds, so the Job's
 * result is the combined verdict.
 */
final class K8sManifest {

    private K8sManifest() {}

    static String render(String name, String image, int shards, String startAt, List<String> loadArgs) {
        List<String> thresholdArgs = new java.util.ArrayList<>();
        for (int i = 0; i < loadArgs.size(); i++) {
            String a = loadArgs.get(i);
            if (a.equals("--threshold") && i + 1 < loadArgs.size()) {
                thresholdArgs.add(a);
                thresholdArgs.add(loadArgs.get(i + 1));
            } else if (a.startsWith("--threshold=")) {
                thresholdArgs.add(a);
            }
        }
        StringBuilder load = new StringBuilder("backendkit load");
        for (String a : loadArgs) {
            load.append(' ').append(shellQuote(a));
        }
        load.append(" --quiet --shard \"$JOB_COMPLETION_INDEX/")
                .append(shards)
                .append('"')
                .append(" --start-at ")
                .append(shellQuote(startAt))
                .append(" --hlog \"/results/shard-$JOB_COMPLETION_INDEX.hlog\"");
        StringBuilder merge = new StringBuilder("backendkit load merge");
        for (int i = 0; i < shards; i++) {
            merge.append(" /results/shard-").append(i).append(".hlog");
        }
        for (String a : thresholdArgs) {
            merge.append(' ').append(shellQuote(a));
        }
        String script = "set -u; " + load + "; rc=$?; touch \"/results/shard-$JOB_COMPLETION_INDEX.done\"; "
                + "if [ \"$JOB_COMPLETION_INDEX\" = 0 ]; then n=0; while [ `ls /results | grep -c '[.]done$'` -lt "
                + shards + " ] && [ $n -lt 3600 ]; do sleep 1; n=`expr $n + 1`; done; " + merge + " || exit 1; fi; "
                + "[ $rc -le 1 ] || exit $rc";
        return """
                # backendkit sharded load test: %d shards, started together at %s
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: %s-results
                spec:
                  accessModes: ["ReadWriteMany"]
                  resources:
                    requests:
                      storage: 1Gi
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: %s
                spec:
                  completionMode: Indexed
                  completions: %d
                  parallelism: %d
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: load
                          image: %s
                          command: ["sh", "-c"]
                          args:
                            - %s
                          volumeMounts:
                            - name: results
                              mountPath: /results
                      volumes:
                        - name: results
                          persistentVolumeClaim:
                            claimName: %s-results
                """.formatted(shards, startAt, name, name, shards, shards, yamlQuote(image), yamlQuote(script), name);
    }

    /** A POSIX shell word that stands for exactly {@code s}. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    /** A YAML double-quoted scalar. */
    static String yamlQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
