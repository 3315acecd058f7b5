package io.backendkit.decision;

import io.backendkit.decision.internal.WireNames;

/**
 * How tenants share the system (forcing question 2). Drives the data-access pattern.
 *
 * <p>{@link #wireName()} is the spelling the original engine and its profile files use, for example
 * {@code shared-multi-tenant}.
 */
public enum Tenancy {
    /** One deployment per customer. */
    SINGLE_TENANT("single-tenant"),
    /** All tenants share one deployment and one database; rows carry a tenant key. */
    SHARED_MULTI_TENANT("shared-multi-tenant"),
    /** One deployment, but each tenant's data is isolated (schema or database per tenant). */
    ISOLATED_MULTI_TENANT("isolated-multi-tenant");

    private final String wireName;

    Tenancy(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in profile files and JSON output.
     *
     * @return the kebab-case name, e.g. {@code shared-multi-tenant}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The constant with the given wire name (or constant name), ignoring case and surrounding
     * whitespace.
     *
     * @param text for example {@code isolated-multi-tenant}
     * @return the constant
     * @throws DecisionException located at {@code tenancy}, naming the accepted values, when {@code
     *     text} is null or none of them
     */
    public static Tenancy fromWireName(String text) {
        return WireNames.parse(Tenancy.class, text, "tenancy", Tenancy::wireName);
    }

    /**
     * The same as {@link #wireName()}, so the constant prints as profile files write it.
     *
     * @return the kebab-case name
     */
    @Override
    public String toString() {
        return wireName;
    }
}
