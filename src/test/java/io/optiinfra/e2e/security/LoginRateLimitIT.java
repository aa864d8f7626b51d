package io.optiinfra.e2e.security;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.ApiError;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

/** Repeated failed logins lock the username out with 429 + Retry-After; other users are unaffected. */
@Test(groups = {Groups.SECURITY, Groups.FAST}, dependsOnGroups = Groups.SMOKE)
public class LoginRateLimitIT extends SuiteBase {

    public void repeatedFailuresAre429WithRetryAfter() {
        TestCustomer target = newCustomer("Brute Force Target");
        TestCustomer bystander = newCustomer("Bystander");

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat("attempt " + attempt, api().login(target.email(), "guess-" + attempt).statusCode(), equalTo(401));
        }
        Response locked = api().login(target.email(), target.password());

        assertThat(locked.statusCode(), equalTo(429));
        assertThat(Api.body(locked, ApiError.class).error(), equalTo("rate_limited"));
        assertThat(locked.header("Retry-After"), notNullValue());
        assertThat(Integer.parseInt(locked.header("Retry-After")), greaterThan(0));
        String counter = db().redis().get("optiinfra:ratelimit:login:" + target.email());
        assertThat("failures counted in Redis", Integer.parseInt(counter), equalTo(5));
        assertThat("a bystander is not locked out",
                api().login(bystander.email(), bystander.password()).statusCode(), equalTo(200));
    }
}
