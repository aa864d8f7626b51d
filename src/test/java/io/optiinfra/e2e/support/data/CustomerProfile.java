package io.optiinfra.e2e.support.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Set;

/** One entry of {@code testdata/customers.json}: a kind of customer the suite signs up and drives. */
public record CustomerProfile(
        @JsonProperty("profile") String profile,
        @JsonProperty("company_name") String companyName,
        @JsonProperty("plan") String plan,
        @JsonProperty("cloud_provider") String cloudProvider,
        @JsonProperty("region") String region,
        @JsonProperty("priority_order") List<String> priorityOrder) {

    public static final Set<String> PLANS = Set.of("free", "pro", "enterprise");
    public static final Set<String> CLOUD_PROVIDERS = Set.of("aws", "gcp");
    /** The parties a priority order ranks (SPEC §6, default Customer > Performance > Cost > Resource). */
    public static final List<String> DEFAULT_PRIORITY_ORDER = List.of("customer", "performance", "cost", "resource");

    public CustomerProfile {
        priorityOrder = priorityOrder == null ? List.of() : List.copyOf(priorityOrder);
    }

    /** True when {@code first} ranks above {@code second} in this customer's priority order. */
    public boolean prioritizes(String first, String second) {
        int a = priorityOrder.indexOf(first);
        int b = priorityOrder.indexOf(second);
        return a >= 0 && (b < 0 || a < b);
    }

    /** The profile name, so DataProvider rows read well in test names and the report. */
    @Override
    public String toString() {
        return profile;
    }
}
