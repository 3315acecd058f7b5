/** backendkit decision: Scores architecture profiles against a team's constraints and explains the recommendation; never approves. */
module io.backendkit.decision {
    exports io.backendkit.decision;

    requires transitive io.backendkit.core;
    requires org.slf4j;
}
