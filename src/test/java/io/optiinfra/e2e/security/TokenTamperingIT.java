package io.optiinfra.e2e.security;

import io.optiinfra.e2e.support.ApiTest;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Forged, altered or malformed tokens never authenticate. */
@Test(groups = {Groups.SECURITY, Groups.FAST}, dependsOnGroups = Groups.SMOKE)
public class TokenTamperingIT extends ApiTest {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public void tamperedTokensAreRejectedWith401() {
        TestCustomer customer = newCustomer("Tamper Target");
        String[] parts = customer.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String adminPayload = B64.encodeToString(payload.replace("\"role\":\"customer\"", "\"role\":\"admin\"")
                .getBytes(StandardCharsets.UTF_8));
        String noneHeader = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

        Map<String, String> forgeries = new LinkedHashMap<>();
        forgeries.put("payload escalated to admin, old signature", parts[0] + "." + adminPayload + "." + parts[2]);
        forgeries.put("alg none", noneHeader + "." + adminPayload + ".");
        forgeries.put("signature flipped", parts[0] + "." + parts[1] + "." + flip(parts[2]));
        forgeries.put("garbage", "not.a.jwt");
        forgeries.put("truncated", customer.accessToken().substring(0, customer.accessToken().length() - 5));

        for (Map.Entry<String, String> forgery : forgeries.entrySet()) {
            Response asAdmin = api().withToken(forgery.getValue()).customers();
            Response asSelf = api().withToken(forgery.getValue()).customer(customer.customerId());
            assertThat(forgery.getKey() + " on /customers", asAdmin.statusCode(), equalTo(401));
            assertThat(forgery.getKey() + " on own record", asSelf.statusCode(), equalTo(401));
        }
        assertThat("the genuine token still works", customer.client().customer(customer.customerId()).statusCode(),
                equalTo(200));
    }

    public void wrongAuthorizationSchemeIs401() {
        TestCustomer customer = newCustomer("Scheme Checker");

        Response basic = api().request().header("Authorization", "Basic " + customer.accessToken())
                .get("/customers/{id}", customer.customerId());
        Response empty = api().request().header("Authorization", "Bearer ").get("/customers/{id}", customer.customerId());

        assertThat(basic.statusCode(), equalTo(401));
        assertThat(empty.statusCode(), equalTo(401));
    }

    private static String flip(String signature) {
        char first = signature.charAt(0);
        return (first == 'A' ? 'B' : 'A') + signature.substring(1);
    }
}
