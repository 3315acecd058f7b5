/** The {@code backendkit} command line: {@link io.backendkit.cli.BackendKitCli}. */
package io.backendkit.cli;
