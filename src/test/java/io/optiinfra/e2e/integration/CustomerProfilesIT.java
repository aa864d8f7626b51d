package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Customer;
import io.optiinfra.e2e.support.data.CustomerProfile;
import io.optiinfra.e2e.support.data.DataProviders;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Every customer profile of testdata/customers.json signs up, logs in and reads itself back — in parallel. */
@Test(groups = {Groups.INTEGRATION, Groups.FAST}, dependsOnGroups = Groups.SMOKE)
public class CustomerProfilesIT extends SuiteBase {

    @Test(dataProvider = DataProviders.CUSTOMER_PROFILES, dataProviderClass = DataProviders.class)
    public void profileSignsUpAndReadsItselfBack(CustomerProfile profile) {
        TestCustomer customer = TestCustomers.signUp(api(), profile);

        Response me = customer.client().customer(customer.customerId());

        assertThat(me.statusCode(), equalTo(200));
        Customer read = Api.read(me, Customer.class);
        assertThat(read.companyName(), equalTo(profile.companyName()));
        assertThat(read.plan(), equalTo(profile.plan()));
        List<Map<String, Object>> rows = db().postgres("SELECT c.plan, u.role FROM customers c JOIN users u "
                + "ON u.customer_id = c.id WHERE c.id = ?::uuid", customer.customerId());
        assertThat(rows, hasSize(1));
        assertThat(rows.get(0).get("plan"), equalTo(profile.plan()));
        assertThat(rows.get(0).get("role"), equalTo("customer"));
    }
}
