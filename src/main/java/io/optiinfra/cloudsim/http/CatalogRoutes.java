package io.optiinfra.cloudsim.http;

import io.javalin.Javalin;
import io.optiinfra.cloudsim.catalog.Catalog;
import io.optiinfra.common.ApiException;

/** {@code /catalog/*}: instance types and egress prices (read-only). */
final class CatalogRoutes {
    private CatalogRoutes() {}

    static void register(Javalin app) {
        app.get("/catalog/instance-types", ctx -> {
            String cloud = Requests.query(ctx, "cloud");
            if (cloud != null) {
                Catalog.requireCloud(cloud);
            }
            ctx.json(Catalog.instanceTypes().stream().filter(t -> cloud == null || t.cloud().equals(cloud)).toList());
        });
        app.get("/catalog/instance-types/{cloud}/{type}", ctx -> {
            String cloud = Catalog.requireCloud(ctx.pathParam("cloud"));
            String type = ctx.pathParam("type");
            ctx.json(Catalog.find(cloud, type).orElseThrow(() ->
                    ApiException.notFound("no instance type " + type + " in " + cloud)));
        });
        app.get("/catalog/egress", ctx -> ctx.json(Catalog.egress()));
    }
}
