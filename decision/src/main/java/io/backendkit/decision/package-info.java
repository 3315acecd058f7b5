/** backendkit decision: Scores architecture profiles against a team's constraints and explains the recommendation; never approves. Work in progress: the public API arrives with the module's issue. */
package io.backendkit.decision;
