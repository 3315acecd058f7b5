/**
 * backendkit decision: recommends an architecture profile from a team's constraints, with a
 * transparent score breakdown, a close runner-up, kill criteria, an SLO floor and the people who must
 * approve. It never approves anything itself.
 *
 * <p>Start at {@link io.backendkit.decision.DecisionEngine}; describe the team with {@link
 * io.backendkit.decision.Constraints}; load your own profiles with {@link
 * io.backendkit.decision.Profiles}.
 */
package io.backendkit.decision;
