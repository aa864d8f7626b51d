package io.optiinfra.e2e.security;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.nio.charset.StandardCharsets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/**
 * Passwords of 8–128 characters work whatever their byte length (BCrypt itself reads only 71 bytes), and a long
 * password tells nothing about whether the account exists and counts towards the lockout like any other guess.
 */
@Test(groups = {Groups.SECURITY, Groups.FAST}, dependsOnGroups = Groups.SMOKE)
public class PasswordRulesIT extends SuiteBase {

    public void passwordsLongerThanBcryptsLimitSignUpAndLogIn() {
        String password = "Long-" + "ü".repeat(60) + "-pass"; // 70 characters, 130 UTF-8 bytes
        assertThat(password.getBytes(StandardCharsets.UTF_8).length, greaterThan(72));
        String email = TestCustomers.uniqueEmail();

        Response signup = api().signup(email, "Long Password GmbH", password, "pro");
        Response login = api().login(email, password);
        Response almost = api().login(email, password.substring(0, password.length() - 1) + "X");

        assertThat("signup with a " + password.length() + "-character password: " + signup.asString(),
                signup.statusCode(), equalTo(201));
        assertThat("login with it: " + login.asString(), login.statusCode(), equalTo(200));
        assertThat("the same password with its last character changed: " + almost.asString(), almost.statusCode(),
                equalTo(401));
    }

    public void aLongWrongPasswordIsTheSameAnswerForKnownAndUnknownAccountsAndIsCounted() {
        TestCustomer known = newCustomer("Enumeration Target");
        String longGuess = "g".repeat(100);

        Response forKnown = api().login(known.email(), longGuess);
        Response forUnknown = api().login(TestCustomers.uniqueEmail(), longGuess);

        assertThat("long wrong password, existing account: " + forKnown.asString(), forKnown.statusCode(), equalTo(401));
        assertThat("long wrong password, unknown account: " + forUnknown.asString(), forUnknown.statusCode(), equalTo(401));
        for (int attempt = 2; attempt <= 5; attempt++) {
            assertThat("long guess " + attempt, api().login(known.email(), longGuess).statusCode(), equalTo(401));
        }
        assertThat("after 5 long wrong passwords the account is locked",
                api().login(known.email(), known.password()).statusCode(), equalTo(429));
    }
}
