package io.optiinfra.cloudsim.http;

import io.javalin.Javalin;
import io.optiinfra.cloudsim.CloudSimulator;

/** Registers every route of the cloud simulator on a Javalin app. */
public final class SimulatorRoutes {
    private SimulatorRoutes() {}

    public static void register(Javalin app, CloudSimulator simulator) {
        ControlRoutes.register(app, simulator.faults(), simulator.seeder());
        CatalogRoutes.register(app);
        AccountRoutes.register(app, simulator.instances());
        DeploymentRoutes.register(app, simulator.deployments());
    }
}
