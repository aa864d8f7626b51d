package io.optiinfra.cloudsim.http;

import io.javalin.Javalin;
import io.optiinfra.cloudsim.accounts.DeploymentService;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.CanaryChange;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.ConfigChange;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.WhatIf;
import io.optiinfra.common.web.Web;

import static io.optiinfra.cloudsim.http.Requests.customerId;

/** {@code /accounts/{cid}/deployments*}: config, canary, metrics and predictions. */
final class DeploymentRoutes {
    private static final String ONE = "/accounts/{cid}/deployments/{did}";

    private DeploymentRoutes() {}

    static void register(Javalin app, DeploymentService deployments) {
        app.get("/accounts/{cid}/deployments", ctx -> ctx.json(deployments.list(customerId(ctx))));
        app.get(ONE, ctx -> ctx.json(deployments.get(customerId(ctx), ctx.pathParam("did"))));
        app.post(ONE + "/config", ctx -> ctx.json(deployments.configure(customerId(ctx), ctx.pathParam("did"),
                Web.body(ctx, ConfigChange.class))));
        app.post(ONE + "/canary", ctx -> ctx.json(deployments.setCanary(customerId(ctx), ctx.pathParam("did"),
                Web.body(ctx, CanaryChange.class))));
        app.delete(ONE + "/canary", ctx ->
                ctx.json(deployments.removeCanary(customerId(ctx), ctx.pathParam("did"))));
        app.post(ONE + "/canary/promote", ctx ->
                ctx.json(deployments.promote(customerId(ctx), ctx.pathParam("did"))));
        app.get(ONE + "/metrics", ctx -> ctx.json(deployments.metrics(customerId(ctx), ctx.pathParam("did"))));
        app.post(ONE + "/predict", ctx -> ctx.json(deployments.predict(customerId(ctx), ctx.pathParam("did"),
                Requests.optionalBody(ctx, WhatIf.class, new WhatIf(null, null, null, null, null, null)))));
    }
}
