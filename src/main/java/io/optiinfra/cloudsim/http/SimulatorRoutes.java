package io.optiinfra.cloudsim.http;

import io.javalin.Javalin;
import io.optiinfra.cloudsim.accounts.DeploymentService;
import io.optiinfra.cloudsim.accounts.FaultService;
import io.optiinfra.cloudsim.accounts.InstanceService;
import io.optiinfra.cloudsim.seed.FleetSeeder;

/** Registers every route of the cloud simulator on a Javalin app. */
public final class SimulatorRoutes {
    private SimulatorRoutes() {}

    /** The operation name a mutating call has in faults (as the services name it: "terminate i-…", …). */
    static String operation(String method, String[] path) {
        String last = path[path.length - 1];
        if (path.length == 4 && "instances".equals(path[3])) {
            return "launch instances";
        }
        if (path.length > 5 && "instances".equals(path[3])) {
            return ("terminate".equals(last) ? "terminate " : "modify ") + path[4];
        }
        if (path.length > 5 && "deployments".equals(path[3])) {
            return switch (last) {
                case "config" -> "deployment config " + path[4];
                case "promote" -> "promote canary of " + path[4];
                case "canary" -> ("DELETE".equals(method) ? "remove canary of " : "set canary of ") + path[4];
                default -> last + " " + path[4];
            };
        }
        return method + " " + String.join("/", path);
    }

    /** The services one by one, not the CloudSimulator that assembles them: it lives above http, not below. */
    public static void register(Javalin app, InstanceService instances, DeploymentService deployments,
                                FaultService faults, FleetSeeder seeder) {
        ControlRoutes.register(app, faults, seeder);
        CatalogRoutes.register(app);
        AccountRoutes.register(app, instances);
        DeploymentRoutes.register(app, deployments);
        // slow_responses: a mutating account call has taken effect; its answer waits here, outside the account lock
        app.after(ctx -> {
            String[] path = ctx.path().split("/");
            if (ctx.method() != io.javalin.http.HandlerType.GET && path.length > 3 && "accounts".equals(path[1])) {
                long delay = faults.slowAnswerDelay(path[2], operation(ctx.method().name(), path));
                if (delay > 0) {
                    Thread.sleep(delay);
                }
            }
        });
    }
}
