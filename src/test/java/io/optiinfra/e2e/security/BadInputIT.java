package io.optiinfra.e2e.security;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Customer;
import io.optiinfra.e2e.support.api.RawResponse;
import io.optiinfra.e2e.support.client.OptiInfraClient;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.restassured.response.Response;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Malformed ids, injection strings, oversized and malformed bodies: a clear 4xx, never a 500, nothing lost. */
@Test(groups = {Groups.SECURITY, Groups.FAST}, dependsOnGroups = Groups.SMOKE)
public class BadInputIT extends SuiteBase {

    @DataProvider(name = "malformedIds", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] malformedIds() {
        return new Object[][] {{"abc"}, {"1' OR '1'='1"}, {"1; DROP TABLE customers; --"}, {"../../etc/passwd"},
                {"00000000-0000-0000-0000-00000000000g"}, {"0".repeat(4000)}, {"<script>alert(1)</script>"}};
    }

    @Test(dataProvider = "malformedIds")
    public void malformedCustomerIdIs400NotALookup(String id) {
        TestCustomer bystander = newCustomer("Injection Bystander");
        OptiInfraClient admin = admin();
        for (String path : new String[] {"/customers/{id}", "/customers/{id}/infrastructure"}) {
            Response response = admin.get(path, id);
            assertThat(path + " with " + id, response.statusCode(), allOf(greaterThanOrEqualTo(400), lessThan(500)));
            assertThat(RawResponse.of(response).text("error"), notNullValue());
        }
        Response survivor = admin.customer(bystander.customerId());
        assertThat("an existing customer is untouched", survivor.statusCode(), equalTo(200));
        assertThat(db().postgres("SELECT company_name FROM customers WHERE id = ?::uuid", bystander.customerId())
                .get(0).get("company_name"), equalTo("Injection Bystander"));
    }

    public void sqlInjectionInLoginIsJustAFailedLogin() {
        TestCustomer victim = newCustomer("Injection Victim");
        long usersBefore = countUsers();

        for (String username : new String[] {"' OR '1'='1", victim.email() + "' --", "admin@optiinfra.test' OR 1=1 --"}) {
            Response response = api().login(username, "' OR '1'='1");
            assertThat(username, response.statusCode(), equalTo(401));
        }

        assertThat(countUsers(), greaterThanOrEqualTo(usersBefore));
        assertThat("victim still logs in", api().login(victim.email(), victim.password()).statusCode(), equalTo(200));
    }

    public void scriptInCompanyNameIsStoredAsDataAndServedAsJson() {
        String xss = "<script>alert('x')</script> Corp";
        TestCustomer customer = TestCustomers.signUp(api(), xss, "free");

        Response me = customer.client().customer(customer.customerId());

        assertThat(me.contentType(), startsWith("application/json"));
        assertThat(Api.read(me, Customer.class).companyName(), equalTo(xss));
        assertThat(db().postgres("SELECT company_name FROM customers WHERE id = ?::uuid", customer.customerId())
                .get(0).get("company_name"), equalTo(xss));
    }

    public void oversizedBodyIsRefusedWith413() {
        String huge = "{\"email\":\"" + TestCustomers.uniqueEmail() + "\",\"company_name\":\"" + "x".repeat(400_000)
                + "\",\"password\":\"long-enough-1\",\"plan\":\"pro\"}";

        Response response = api().postRaw("/auth/signup", huge);

        assertThat(response.statusCode(), equalTo(413));
        assertThat(RawResponse.of(response).text("error"), equalTo("payload_too_large"));
    }

    public void malformedJsonOnEveryBodyRouteIs400() {
        TestCustomer customer = newCustomer("Malformed Json Sender");
        Map<String, OptiInfraClient> routes = Map.of(
                "/auth/signup", api(),
                "/auth/login", api(),
                "/internal/metrics", service());

        for (Map.Entry<String, OptiInfraClient> route : routes.entrySet()) {
            for (String body : new String[] {"{", "{\"a\":}", "nul", "\"just a string\""}) {
                Response response = route.getValue().postRaw(route.getKey(), body);
                assertThat(route.getKey() + " with " + body, response.statusCode(), equalTo(400));
                assertThat(RawResponse.of(response).text("error"), equalTo("bad_request"));
            }
        }
        Response put = service().request().body("{\"status\":").put("/internal/customers/{id}/infrastructure",
                customer.customerId());
        assertThat(put.statusCode(), equalTo(400));
    }

    private long countUsers() {
        return ((Number) db().postgres("SELECT count(*) AS n FROM users").get(0).get("n")).longValue();
    }
}
