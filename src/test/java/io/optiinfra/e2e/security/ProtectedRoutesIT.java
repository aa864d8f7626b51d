package io.optiinfra.e2e.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.ApiTest;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.data.TestData;
import io.restassured.response.Response;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Every protected route refuses a caller without credentials. The routes come from the platform's own published
 * table, cross-checked against the contract in testdata/api-contract.json so a route cannot hide by going unlisted.
 */
@Test(groups = {Groups.SECURITY, Groups.FAST}, dependsOnGroups = Groups.SMOKE)
public class ProtectedRoutesIT extends ApiTest {

    private List<Map<String, String>> publishedRoutes() {
        Response table = api().routeTable();
        assertThat(table.statusCode(), equalTo(200));
        return table.jsonPath().getList("routes");
    }

    @DataProvider(name = "contractRoutes", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] contractRoutes() {
        List<Object[]> rows = new ArrayList<>();
        for (JsonNode route : TestData.readTree("api-contract.json").get("routes")) {
            rows.add(new Object[] {route.get("method").asText(), route.get("path").asText(), route.get("access").asText()});
        }
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "contractRoutes")
    public void platformPublishesEveryContractRouteWithItsAccessRule(String method, String path, String access) {
        assertThat(publishedRoutes(), hasItem(Map.of("method", method, "path", path, "access", access)));
    }

    @DataProvider(name = "protectedRoutes", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] protectedRoutes() {
        return publishedRoutes().stream()
                .filter(route -> !"OPEN".equals(route.get("access")))
                .map(route -> new Object[] {route.get("method"), route.get("path"), route.get("access")})
                .toArray(Object[][]::new);
    }

    @Test(dataProvider = "protectedRoutes")
    public void protectedRouteWithoutCredentialsIs401(String method, String path, String access) {
        String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());

        Response response = api().request().body("{}").request(method, concrete);

        assertThat(method + " " + concrete + " (" + access + ")", response.statusCode(), equalTo(401));
        assertThat(response.jsonPath().getString("error"), equalTo("unauthorized"));
        assertThat(response.jsonPath().getString("message"), notNullValue());
    }

    public void atLeastTheContractsProtectedRoutesArePublished() {
        long protectedCount = publishedRoutes().stream().filter(r -> !"OPEN".equals(r.get("access"))).count();
        assertThat("protected routes published", protectedCount >= 6, equalTo(true));
        assertThat(publishedRoutes(), not(hasItem(Map.of("method", "GET", "path", "/customers", "access", "OPEN"))));
    }
}
