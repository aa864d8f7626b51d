package io.optiinfra.cloudsim;

import io.javalin.Javalin;
import io.optiinfra.cloudsim.http.SimulatorRoutes;
import io.optiinfra.common.Config;
import io.optiinfra.common.web.Web;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud-simulator process (LocalStack's role for AWS and GCP): catalog, per-customer accounts with instances and
 * vLLM deployments driven by {@link io.optiinfra.cloudsim.deployments.WorkloadModel}, and a control API for seeding
 * fleets and injecting faults. All state is in memory. Routes:
 * <pre>
 * GET    /health, /control/health
 * GET    /catalog/instance-types[?cloud=]   GET /catalog/instance-types/{cloud}/{type}   GET /catalog/egress
 * GET    /accounts/{cid}/instances[?cloud=&amp;state=]   POST /accounts/{cid}/instances
 * GET    /accounts/{cid}/instances/{iid}   POST .../{iid}/terminate   POST .../{iid}/modify
 * GET    /accounts/{cid}/summary
 * GET    /accounts/{cid}/deployments   GET /accounts/{cid}/deployments/{did}
 * POST   .../{did}/config   POST|DELETE .../{did}/canary   POST .../{did}/canary/promote
 * GET    .../{did}/metrics   POST .../{did}/predict
 * POST   /control/accounts/{cid}/seed
 * POST   /control/faults   GET|DELETE /control/faults?customer_id=   DELETE /control/faults/{fid}
 *        (api_error, throttling = 429 [+ Retry-After given a magnitude], slow_responses = late answers,
 *        spot_interruption, instance_loss, ...)
 * </pre>
 */
public final class CloudSimulatorApp {
    private static final Logger LOG = LoggerFactory.getLogger(CloudSimulatorApp.class);

    private CloudSimulatorApp() {}

    /** Starts the simulator on {@code 127.0.0.1:optiinfra.http.port} (default 4567). */
    public static Javalin start() {
        int port = Config.getInt("http.port", 4567);
        Javalin app = create(new CloudSimulator()).start(Config.get("http.host", "127.0.0.1"), port);
        LOG.info("cloud simulator listening on {}", app.port());
        return app;
    }

    /** A not-yet-started server for {@code simulator} (tests start it on port 0). */
    public static Javalin create(CloudSimulator simulator) {
        Javalin app = Web.server();
        SimulatorRoutes.register(app, simulator.instances(), simulator.deployments(), simulator.faults(),
                simulator.seeder());
        return app;
    }
}
