package io.optiinfra.e2e.support.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.expectThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.testng.annotations.Test;

public class TestDataTest {

    private static final List<CustomerProfile> PROFILES =
            TestData.readList(DataProviders.CUSTOMERS_FILE, CustomerProfile.class);

    @Test
    public void customersFileHasAtLeastFiveValidProfiles() {
        assertThat(PROFILES.size(), greaterThanOrEqualTo(5));
        assertThat(PROFILES.stream().map(CustomerProfile::plan).toList(), everyItem(in(CustomerProfile.PLANS)));
        assertThat(PROFILES.stream().map(CustomerProfile::cloudProvider).toList(),
                everyItem(in(CustomerProfile.CLOUD_PROVIDERS)));
        assertEquals(PROFILES.stream().map(CustomerProfile::profile).collect(Collectors.toSet()).size(),
                PROFILES.size(), "profile names must be unique, they name the DataProvider rows");
    }

    @Test
    public void profilesCoverEveryPlanProviderAndACostFirstOrder() {
        assertEquals(PROFILES.stream().map(CustomerProfile::plan).collect(Collectors.toSet()), CustomerProfile.PLANS);
        assertEquals(PROFILES.stream().map(CustomerProfile::cloudProvider).collect(Collectors.toSet()),
                CustomerProfile.CLOUD_PROVIDERS);
        assertThat(PROFILES.stream().map(p -> p.prioritizes("cost", "performance")).toList(), hasItem(true));
        assertThat(PROFILES.stream().map(p -> p.prioritizes("performance", "cost")).toList(), hasItem(true));
    }

    @Test(dataProvider = DataProviders.CUSTOMER_PROFILES, dataProviderClass = DataProviders.class)
    public void eachProfileIsCompleteAndNamedByItsProfile(CustomerProfile profile) {
        assertThat(profile.profile(), not(emptyOrNullString()));
        assertThat(profile.companyName(), not(emptyOrNullString()));
        assertThat(profile.region(), not(emptyOrNullString()));
        assertThat(profile.priorityOrder(),
                containsInAnyOrder(CustomerProfile.DEFAULT_PRIORITY_ORDER.toArray(new String[0])));
        assertEquals(profile.toString(), profile.profile());
    }

    @Test
    public void dataProviderReturnsOneRowPerProfile() {
        Object[][] rows = DataProviders.customerProfiles();
        assertEquals(rows.length, PROFILES.size());
        for (int i = 0; i < rows.length; i++) {
            assertEquals(rows[i].length, 1);
            assertThat(rows[i][0], instanceOf(CustomerProfile.class));
            assertEquals(rows[i][0], PROFILES.get(i));
        }
    }

    @Test
    public void readTreeAndListFilesSeeTheSameFile() {
        JsonNode tree = TestData.readTree(DataProviders.CUSTOMERS_FILE);
        assertEquals(tree.size(), PROFILES.size());
        assertEquals(tree.get(0).get("company_name").asText(), PROFILES.get(0).companyName());
        assertThat(TestData.listFiles("."), hasItem(DataProviders.CUSTOMERS_FILE));
        List<String> files = TestData.listFiles(".");
        assertEquals(files, files.stream().sorted().toList());
        assertThat(files, everyItem(org.hamcrest.Matchers.endsWith(".json")));
    }

    @Test
    public void unknownPropertiesAreAnErrorAndTheMapperIsShared() {
        com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException error = expectThrows(
                com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.class,
                () -> TestData.mapper().readValue("{\"profile\":\"p\",\"plan\":\"pro\",\"added_later\":42}",
                        CustomerProfile.class));
        assertThat(error.getMessage(), org.hamcrest.Matchers.containsString("added_later"));
        assertSame(TestData.mapper(), TestData.mapper());
    }

    @Test
    public void pathsOutsideTestdataAreRefused() {
        expectThrows(IllegalArgumentException.class, () -> TestData.readTree("../pom.xml"));
        assertEquals(Set.copyOf(TestData.listFiles(".")).size(), TestData.listFiles(".").size());
    }
}
