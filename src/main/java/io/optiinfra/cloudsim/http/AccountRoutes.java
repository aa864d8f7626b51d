package io.optiinfra.cloudsim.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.optiinfra.cloudsim.accounts.InstanceRequests;
import io.optiinfra.cloudsim.accounts.InstanceService;
import io.optiinfra.common.web.Web;

import static io.optiinfra.cloudsim.http.Requests.customerId;

/** {@code /accounts/{cid}/instances*} and {@code /accounts/{cid}/summary}. */
final class AccountRoutes {
    private AccountRoutes() {}

    static void register(Javalin app, InstanceService instances) {
        app.get("/accounts/{cid}/instances", ctx -> ctx.json(instances.list(customerId(ctx),
                Requests.query(ctx, "cloud"), Requests.query(ctx, "state"))));
        app.post("/accounts/{cid}/instances", ctx -> ctx.status(201).json(
                instances.launch(customerId(ctx), Web.body(ctx, InstanceRequests.Launch.class))));
        app.get("/accounts/{cid}/instances/{iid}", ctx ->
                ctx.json(instances.get(customerId(ctx), ctx.pathParam("iid"))));
        app.post("/accounts/{cid}/instances/{iid}/terminate", ctx ->
                ctx.json(instances.terminate(customerId(ctx), ctx.pathParam("iid"))));
        app.post("/accounts/{cid}/instances/{iid}/modify", ctx -> ctx.json(
                instances.modify(customerId(ctx), ctx.pathParam("iid"), Web.body(ctx, JsonNode.class))));
        app.get("/accounts/{cid}/summary", ctx -> ctx.json(instances.summary(customerId(ctx))));
    }
}
