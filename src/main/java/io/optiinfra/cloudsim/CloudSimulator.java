package io.optiinfra.cloudsim;

import io.optiinfra.cloudsim.accounts.Accounts;
import io.optiinfra.cloudsim.accounts.DeploymentService;
import io.optiinfra.cloudsim.accounts.FaultService;
import io.optiinfra.cloudsim.accounts.InstanceService;
import io.optiinfra.cloudsim.seed.FleetSeeder;

/** The in-memory simulated clouds: one set of accounts and the services that act on them. */
public final class CloudSimulator {
    private final InstanceService instances;
    private final DeploymentService deployments;
    private final FaultService faults;
    private final FleetSeeder seeder;

    public CloudSimulator() {
        Accounts accounts = new Accounts();
        this.instances = new InstanceService(accounts);
        this.deployments = new DeploymentService(accounts);
        this.faults = new FaultService(accounts);
        this.seeder = new FleetSeeder(accounts);
    }

    public InstanceService instances() { return instances; }
    public DeploymentService deployments() { return deployments; }
    public FaultService faults() { return faults; }
    public FleetSeeder seeder() { return seeder; }
}
