package io.optiinfra.cloudsim.http;

import io.javalin.Javalin;
import io.optiinfra.cloudsim.accounts.FaultService;
import io.optiinfra.cloudsim.faults.FaultRequest;
import io.optiinfra.cloudsim.seed.FleetDocument;
import io.optiinfra.cloudsim.seed.FleetSeeder;
import io.optiinfra.common.web.Web;

import java.util.Map;

/** The control API tests use: health, fleet seeding, fault injection. */
final class ControlRoutes {
    private ControlRoutes() {}

    static void register(Javalin app, FaultService faults, FleetSeeder seeder) {
        app.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
        app.get("/control/health", ctx -> ctx.json(Map.of("status", "ok")));
        app.post("/control/accounts/{cid}/seed", ctx -> ctx.status(201).json(
                seeder.seed(Requests.customerId(ctx), Web.body(ctx, FleetDocument.class))));
        app.post("/control/faults", ctx -> ctx.status(201).json(faults.inject(Web.body(ctx, FaultRequest.class))));
        app.get("/control/faults", ctx -> ctx.json(faults.list(Requests.query(ctx, "customer_id"))));
        app.delete("/control/faults", ctx -> ctx.json(faults.clear(Requests.query(ctx, "customer_id"))));
        app.delete("/control/faults/{fid}", ctx -> ctx.json(faults.delete(ctx.pathParam("fid"))));
    }
}
