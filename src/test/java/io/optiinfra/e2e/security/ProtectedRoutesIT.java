package io.optiinfra.e2e.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.RawResponse;
import io.optiinfra.e2e.support.data.TestData;
import io.restassured.response.Response;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The platform publishes every route of the contract (testdata/api-contract.json) with its access rule. What each
 * published route answers to each kind of credential is the access matrix (security/access/AccessMatrixIT).
 */
@Test(groups = {Groups.SECURITY, Groups.FAST}, dependsOnGroups = Groups.SMOKE)
public class ProtectedRoutesIT extends SuiteBase {

    private List<Map<String, String>> publishedRoutes() {
        Response table = api().routeTable();
        assertThat(table.statusCode(), equalTo(200));
        // raw on purpose: each published entry is compared whole, so an extra or renamed field shows
        return RawResponse.of(table).field("routes", new TypeReference<List<Map<String, String>>>() {});
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
}
