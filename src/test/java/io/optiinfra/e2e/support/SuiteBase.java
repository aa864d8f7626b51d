package io.optiinfra.e2e.support;

import io.optiinfra.e2e.support.client.OptiInfraClient;
import io.optiinfra.e2e.support.cloud.CloudSimulatorClient;
import io.optiinfra.e2e.support.report.ReportingFilter;
import io.optiinfra.e2e.support.db.DatabaseHelper;
import io.optiinfra.e2e.support.env.EnvironmentSettings;
import io.optiinfra.e2e.support.env.FaultControl;
import io.optiinfra.e2e.support.env.SuiteEnvironment;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.fixtures.TestCustomers;

/**
 * What every suite test class needs: the shared environment's settings, a fresh anonymous client, the store reader
 * and a way to sign up its own customer. No state of its own.
 */
public abstract class SuiteBase {

    protected EnvironmentSettings env() {
        return SuiteEnvironment.settings();
    }

    /** A new unauthenticated client: one per call, never shared between threads. */
    protected OptiInfraClient api() {
        return new OptiInfraClient(env().orchestratorUrl());
    }

    protected OptiInfraClient admin() {
        return TestCustomers.admin(api(), env().adminEmail(), env().adminPassword());
    }

    protected OptiInfraClient service() {
        return api().withServiceToken(env().serviceToken());
    }

    /** A new client of the cloud simulator (its cloud and control API). */
    protected CloudSimulatorClient cloud() {
        return new CloudSimulatorClient(env().cloudSimulatorUrl(), new ReportingFilter());
    }

    protected DatabaseHelper db() {
        return DatabaseHelper.forSuite();
    }

    protected TestCustomer newCustomer(String companyName) {
        return TestCustomers.signUp(api(), companyName, "pro");
    }

    /** The environment's fault control (local and docker modes); a mode without one fails the test naming why. */
    protected static FaultControl faultControl() {
        var environment = SuiteEnvironment.environment();
        return environment.faultControl().orElseThrow(() -> new AssertionError("no fault control in this mode: "
                + environment.faultControlUnavailableReason()));
    }
}
