/**
 * backendkit decision: recommends an architecture profile from a team's constraints, explains the
 * score, and never approves. Profiles are read as JSON trees, so no package is opened for reflection.
 */
module io.backendkit.decision {
    exports io.backendkit.decision;

    requires transitive io.backendkit.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
}
