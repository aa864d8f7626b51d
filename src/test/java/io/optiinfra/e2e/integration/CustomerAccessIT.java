package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.ApiError;
import io.optiinfra.e2e.support.api.Customer;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Customer records: own tenant or admin (refusals of every kind: security/access/AccessMatrixIT). */
@Test(groups = {Groups.INTEGRATION, Groups.FAST}, dependsOnGroups = Groups.SMOKE)
public class CustomerAccessIT extends SuiteBase {

    public void customerReadsOwnRecordMatchingWhatPostgresHolds() {
        TestCustomer customer = newCustomer("Own Record GmbH");

        Response response = customer.client().customer(customer.customerId());

        assertThat(response.statusCode(), equalTo(200));
        Customer read = Api.read(response, Customer.class);
        assertThat(read.id(), equalTo(customer.customerId()));
        assertThat(read.email(), equalTo(customer.email()));
        List<Map<String, Object>> rows = db().postgres("SELECT company_name, plan FROM customers WHERE id = ?::uuid",
                customer.customerId());
        assertThat(rows, hasSize(1));
        assertThat(read.companyName(), equalTo(rows.get(0).get("company_name")));
        assertThat(read.plan(), equalTo(rows.get(0).get("plan")));
    }

    public void adminListsCustomersIncludingANewOne() {
        TestCustomer customer = newCustomer("Listed By Admin Inc");

        Response list = admin().customers();

        assertThat(list.statusCode(), equalTo(200));
        assertThat(Api.list(list, Customer.class).stream().map(Customer::id).toList(), hasItem(customer.customerId()));
        Response one = admin().customer(customer.customerId());
        assertThat(one.statusCode(), equalTo(200));
        assertThat(Api.read(one, Customer.class).companyName(), equalTo("Listed By Admin Inc"));
    }

    public void unknownCustomerIs404ForAdminAndCustomer() {
        TestCustomer customer = newCustomer("Looks For Ghosts");
        String unknown = UUID.randomUUID().toString();

        for (Response response : List.of(admin().customer(unknown), customer.client().customer(unknown))) {
            assertThat(response.statusCode(), equalTo(404));
            assertThat(Api.body(response, ApiError.class).error(), equalTo("not_found"));
        }
    }
}
