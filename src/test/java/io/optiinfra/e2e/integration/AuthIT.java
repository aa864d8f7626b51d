package io.optiinfra.e2e.integration;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.ApiError;
import io.optiinfra.e2e.support.api.Customer;
import io.optiinfra.e2e.support.api.Login;
import io.optiinfra.e2e.support.api.Signup;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.optiinfra.e2e.support.report.TestReport;
import io.restassured.response.Response;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Sign-up and login against the API, proven in PostgreSQL. */
@Test(groups = {Groups.INTEGRATION, Groups.FAST}, dependsOnGroups = Groups.SMOKE)
public class AuthIT extends SuiteBase {

    public void signupThenLoginRoundTripStoresOnlyASlowHash() {
        TestReport.step("Arrange");
        String email = TestCustomers.uniqueEmail();
        String password = TestCustomers.strongPassword();

        TestReport.step("Act: sign up, then log in");
        Response signup = api().signup(email, "Round Trip AI", password, "enterprise");
        assertThat(signup.statusCode(), equalTo(201));
        Signup signedUp = Api.body(signup, Signup.class);
        assertThat(signedUp.success(), is(true));
        String customerId = signedUp.customerId();
        Response login = api().login(email, password);

        TestReport.step("Assert: a bearer token with an expiry");
        assertThat(login.statusCode(), equalTo(200));
        Login token = Api.read(login, Login.class);
        assertThat(token.accessToken(), notNullValue());
        assertThat(token.tokenType(), equalTo("bearer"));
        assertThat("expires_in (s)", token.expiresIn(), greaterThan(0));
        Response me = api().withToken(token.accessToken()).customer(customerId);
        assertThat(me.statusCode(), equalTo(200));
        Customer read = Api.read(me, Customer.class);
        assertThat(read.companyName(), equalTo("Round Trip AI"));
        assertThat(read.plan(), equalTo("enterprise"));

        TestReport.step("Prove in stores: the password is a BCrypt hash, never the plain text");
        List<Map<String, Object>> users = db().postgres(
                "SELECT u.password_hash, u.role, c.plan FROM users u JOIN customers c ON c.id = u.customer_id "
                        + "WHERE u.email = ?", email);
        assertThat(users, hasSize(1));
        String hash = (String) users.get(0).get("password_hash");
        assertThat(hash, startsWith("$2"));
        assertThat(hash, not(equalTo(password)));
        assertThat("the stored hash verifies the password", BCrypt.verifyer().verify(password.toCharArray(), hash).verified, is(true));
        assertThat(users.get(0).get("role"), equalTo("customer"));
        assertThat(users.get(0).get("plan"), equalTo("enterprise"));
    }

    public void duplicateEmailIsRejectedWith409AndKeepsTheFirstAccount() {
        String email = TestCustomers.uniqueEmail();
        String password = TestCustomers.strongPassword();
        assertThat(api().signup(email, "First Co", password, "pro").statusCode(), equalTo(201));

        Response duplicate = api().signup(email.toUpperCase(), "Second Co", "another-password-1", "free");

        assertThat(duplicate.statusCode(), equalTo(409));
        ApiError error = Api.body(duplicate, ApiError.class);
        assertThat(error.error(), equalTo("conflict"));
        assertThat(error.message(), notNullValue());
        List<Map<String, Object>> rows = db().postgres("SELECT c.company_name FROM users u JOIN customers c "
                + "ON c.id = u.customer_id WHERE lower(u.email) = lower(?)", email);
        assertThat(rows, hasSize(1));
        assertThat(rows.get(0).get("company_name"), equalTo("First Co"));
        assertThat("the first password still works", api().login(email, password).statusCode(), equalTo(200));
    }

    public void wrongPasswordAndUnknownUserAreBoth401() {
        var customer = newCustomer("Wrong Password Ltd");
        Response wrong = api().login(customer.email(), "not-the-password");
        Response unknown = api().login(TestCustomers.uniqueEmail(), "whatever-password");

        for (Response response : List.of(wrong, unknown)) {
            assertThat(response.statusCode(), equalTo(401));
            assertThat(Api.body(response, ApiError.class).error(), equalTo("unauthorized"));
            assertThat(Api.body(response, Login.class).accessToken(), equalTo(null));
        }
    }

    @DataProvider(name = "invalidSignups", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] invalidSignups() {
        String email = TestCustomers.uniqueEmail();
        return new Object[][] {
                {"missing email", "{\"company_name\":\"X\",\"password\":\"long-enough-1\",\"plan\":\"pro\"}", email},
                {"not an email", "{\"email\":\"not-an-email\",\"company_name\":\"X\",\"password\":\"long-enough-1\",\"plan\":\"pro\"}", "not-an-email"},
                {"short password", "{\"email\":\"" + email + "\",\"company_name\":\"X\",\"password\":\"short\",\"plan\":\"pro\"}", email},
                {"unknown plan", "{\"email\":\"" + email + "\",\"company_name\":\"X\",\"password\":\"long-enough-1\",\"plan\":\"platinum\"}", email},
                {"plan of wrong type", "{\"email\":\"" + email + "\",\"company_name\":\"X\",\"password\":\"long-enough-1\",\"plan\":7}", email},
                {"email of wrong type", "{\"email\":42,\"company_name\":\"X\",\"password\":\"long-enough-1\",\"plan\":\"pro\"}", "42"},
                {"blank company", "{\"email\":\"" + email + "\",\"company_name\":\"  \",\"password\":\"long-enough-1\",\"plan\":\"pro\"}", email},
                {"JSON array instead of object", "[1,2,3]", email},
                {"truncated JSON", "{\"email\":\"" + email + "\",", email},
                {"empty body", "", email},
        };
    }

    @Test(dataProvider = "invalidSignups")
    public void invalidSignupIs400WithErrorModelAndStoresNothing(String label, String body, String email) {
        Response response = api().postRaw("/auth/signup", body);

        assertThat(label + ": " + response.asString(), response.statusCode(), equalTo(400));
        ApiError error = Api.body(response, ApiError.class);
        assertThat(error.error(), equalTo("bad_request"));
        assertThat(error.message(), notNullValue());
        assertThat(db().postgres("SELECT id FROM users WHERE email = ?", email), hasSize(0));
    }
}
