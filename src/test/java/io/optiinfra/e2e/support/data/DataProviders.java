package io.optiinfra.e2e.support.data;

import java.util.List;
import org.testng.annotations.DataProvider;

/** DataProviders over {@code testdata/}; use with {@code dataProviderClass = DataProviders.class}. */
public final class DataProviders {

    public static final String CUSTOMER_PROFILES = "customerProfiles";
    public static final String CUSTOMERS_FILE = "customers.json";

    private DataProviders() {
    }

    /** One row per customer profile; parallel because every test signs up its own customer. */
    @DataProvider(name = CUSTOMER_PROFILES, parallel = true)
    public static Object[][] customerProfiles() {
        return rows(TestData.readList(CUSTOMERS_FILE, CustomerProfile.class));
    }

    /** Each item as a one-column row. */
    public static Object[][] rows(List<?> items) {
        return items.stream().map(item -> new Object[] {item}).toArray(Object[][]::new);
    }
}
