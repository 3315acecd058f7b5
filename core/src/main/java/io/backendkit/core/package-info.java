/**
 * What every backendkit module shares: {@link io.backendkit.core.Finding} and {@link
 * io.backendkit.core.Severity} for reporting observations, {@link io.backendkit.core.BackendKitException}
 * as the root of every deliberate exception, {@link io.backendkit.core.Json} for JSON with stable
 * output, and {@link io.backendkit.core.TextTable} for plain-text reports.
 */
package io.backendkit.core;
