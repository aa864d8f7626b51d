package io.optiinfra.e2e.security.input;

/**
 * The stored state a semantic case's target must keep ({@code "state"} of a route in input-schema.json), read before
 * and after the case through the API or straight from the stores ({@link StoredState}). {@link #NONE} is for reads.
 */
enum StateProbe {
    NONE,
    /** GET /customers/{victim}: company, plan, priority order. */
    VICTIM_CUSTOMER,
    /** The victim's users rows (sign-up with an email already taken must not add one). */
    VICTIM_USERS,
    /** The victim's onboarding row: cloud, region, role, runtime connection. */
    VICTIM_ONBOARDING,
    /** The victim's infrastructure row, instances and deployments (without updated_at, which a same snapshot moves). */
    VICTIM_INFRASTRUCTURE,
    /** The victim's quality baselines. */
    VICTIM_BASELINES,
    /** The victim's recommendations with their validations. */
    VICTIM_RECOMMENDATIONS,
    /** The fixture task's row and the victim's recommendations (complete must neither finish it again nor file). */
    FIXTURE_TASK,
    /** The tasks of the victim and the bystander, per status. */
    TASKS,
    /** The conflict resolutions of the victim and the bystander. */
    CONFLICTS,
    /** Agents registered under the schema's hostname {@value StoredState#AGENT_HOSTNAME}. */
    BAD_INPUT_AGENTS,
    /** The fixture agent's heartbeat rows. */
    FIXTURE_HEARTBEATS,
    /** ClickHouse rows with the schema's resource_id {@value StoredState#METRIC_RESOURCE}, whoever they belong to. */
    BAD_INPUT_METRICS;

    static StateProbe named(String name) {
        try {
            return valueOf(name.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(BadInputMatrixIT.FILE + ": unknown state probe " + name, e);
        }
    }
}
