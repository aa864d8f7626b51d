package io.optiinfra.e2e.support.data;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.testng.Assert.expectThrows;

/** Every testdata file the scenarios read parses strictly into its record, and the data providers never run empty. */
public class TestDataFilesTest {
    /** The simulator's fault types (SPEC §4 plus docs/internal-api.md's canary_quality_degradation). */
    private static final List<String> FAULT_TYPES = List.of("spot_capacity_unavailable", "api_error",
            "spot_interruption", "quality_degradation", "canary_quality_degradation", "latency_spike");

    @Test
    public void everyScenarioFileHasARecordAndParsesStrictly() {
        List<String> files = TestData.listFiles(Scenarios.DIR).stream()
                .map(p -> p.substring(Scenarios.DIR.length() + 1)).toList();
        assertThat("scenario files without a record type", files.stream()
                .filter(f -> !Scenarios.FILES.containsKey(f)).toList(), empty());
        assertThat("scenario records without a file", Scenarios.FILES.keySet(), everyItem(in(files)));
        Scenarios.FILES.forEach((file, type) -> assertThat(file, Scenarios.read(file, type).getClass(), equalTo(type)));
    }

    @Test
    public void everyFleetParsesAndItsSeedAgreesWithItsExpectations() {
        List<Fleet> fleets = Fleet.all();
        assertThat(fleets.size(), greaterThanOrEqualTo(8));
        for (Fleet fleet : fleets) {
            assertThat(fleet + " instances_running", fleet.instanceCount(),
                    equalTo(fleet.expectations().instancesRunning()));
            assertThat(fleet + " deployments' instances fit the seed", fleet.deployments().stream()
                    .mapToInt(Fleet.DeploymentSpec::instanceCount).sum(), org.hamcrest.Matchers.lessThanOrEqualTo(
                    fleet.instanceCount()));
            fleet.expectations().outcomes().forEach((type, outcome) -> {
                assertThat(fleet + " " + type + " is an expected recommendation type",
                        fleet.expectations().recommendationTypes(), org.hamcrest.Matchers.hasItem(type));
                assertThat(fleet + " " + type + " deployment", fleet.deployments().stream().map(
                        Fleet.DeploymentSpec::id).toList(), org.hamcrest.Matchers.hasItem(outcome.deploymentId()));
                assertThat(fleet + " " + type + ": cost before − savings = cost after",
                        fleet.expectations().monthlyCost() - outcome.estimatedSavings(),
                        closeTo(outcome.monthlyCostAfter(), 0.02));
            });
        }
    }

    @Test
    public void everySpotEligibleFleetPinsItsSpotMigrationOutcome() {
        List<Fleet> eligible = DataProviders.spotEligible();
        assertThat(eligible.size(), greaterThanOrEqualTo(4));
        for (Fleet fleet : eligible) {
            assertThat(fleet + " outcomes", fleet.expectations().outcomes(), hasKey("spot_migration"));
            Fleet.Outcome spot = fleet.outcome("spot_migration");
            assertThat(fleet + " migrated deployment is interruption tolerant",
                    fleet.deployment(spot.deploymentId()).interruptionTolerant(), equalTo(true));
            assertThat(fleet + " instances after", spot.runningAfter().stream().mapToInt(Fleet.InstanceGroup::count)
                    .sum(), equalTo(fleet.instanceCount()));
        }
    }

    @Test
    public void rollbackCasesCoverEveryFaultTypeOnce() {
        Scenarios.Rollback rollback = Scenarios.read("rollback.json", Scenarios.Rollback.class);
        List<String> faults = rollback.cases().stream().map(Scenarios.RollbackCase::fault).toList();
        assertThat(faults, containsInAnyOrder(FAULT_TYPES.toArray(new String[0])));
        Set<String> names = new HashSet<>(rollback.cases().stream().map(Scenarios.RollbackCase::name).toList());
        assertThat("case names are unique (they name the rows)", names, hasSize(rollback.cases().size()));
    }

    @Test
    public void eachCrossCloudDirectionHasExactlyOneMoveTheOtherWay() {
        Scenarios.CrossCloud crossCloud = Scenarios.read("cross-cloud.json", Scenarios.CrossCloud.class);
        assertThat(crossCloud.directions().stream().map(d -> d.fromCloud() + ">" + d.toCloud()).toList(),
                containsInAnyOrder("aws>gcp", "gcp>aws"));
        for (Scenarios.Direction direction : crossCloud.directions()) {
            List<Fleet> movers = direction.fleets().stream().map(Fleet::named)
                    .filter(f -> f.expectations().crossCloud() != null).toList();
            assertThat(direction + " fleets expecting a move", movers, hasSize(1));
            Fleet mover = movers.get(0);
            Fleet.CrossCloudMove move = mover.expectations().crossCloud();
            assertThat(direction + " mover's cloud", mover.cloud(), equalTo(direction.fromCloud()));
            assertThat(direction + " target cloud", move.targetCloud(), equalTo(direction.toCloud()));
            assertThat(direction + " net = gross − egress", move.estimatedSavings(),
                    closeTo(move.grossSavings() - move.egressCostMonthly(), 0.01));
        }
    }

    @Test
    public void conflictCasesPinWhatTheirStrategyDecides() {
        List<Scenarios.ConflictCase> cases = Scenarios.read("conflicts.json", Scenarios.Conflicts.class).cases();
        assertThat(cases.stream().map(Scenarios.ConflictCase::strategy).distinct().toList(),
                containsInAnyOrder("prioritize_customer", "negotiate_hybrid", "sequential_execution"));
        for (Scenarios.ConflictCase c : cases) {
            switch (c.strategy()) {
                case "prioritize_customer" -> assertThat(c + " chosen_type", c.pick(),
                        org.hamcrest.Matchers.hasItem(c.chosenType()));
                case "sequential_execution" -> assertThat(c + " execution_types", c.executionTypes(),
                        containsInAnyOrder(c.pick().toArray(new String[0])));
                case "negotiate_hybrid" -> assertThat(c + " hybrid split", c.hybridSpotCount() + c.hybridReservedCount(),
                        equalTo(Fleet.named(c.fleet()).instanceCount()));
                default -> throw new AssertionError("unknown strategy " + c.strategy() + " in " + c);
            }
        }
    }

    @Test
    public void journeyHasAFleetForEveryProfilesCloud() {
        Scenarios.Journey journey = Scenarios.read("journey.json", Scenarios.Journey.class);
        for (CustomerProfile profile : TestData.readList(DataProviders.CUSTOMERS_FILE, CustomerProfile.class)) {
            assertThat(profile + " cloud", journey.fleetByCloud(), hasKey(profile.cloudProvider()));
            Fleet fleet = Fleet.named(journey.fleetByCloud().get(profile.cloudProvider()));
            assertThat(profile + " fleet's cloud", fleet.cloud(), equalTo(profile.cloudProvider()));
        }
        assertThat(journey.fleetByCloud(), aMapWithSize(CustomerProfile.CLOUD_PROVIDERS.size()));
    }

    @Test
    public void unknownOrMisspeltPropertiesInFleetsAndScenariosAreErrors() {
        UnrecognizedPropertyException fleet = expectThrows(UnrecognizedPropertyException.class, () -> TestData.mapper()
                .readValue("{\"name\":\"x\",\"cloud\":\"aws\",\"instances\":[],\"deployments\":[],\"expectations\":"
                        + "{\"recommendation_types\":[],\"monthly_cost\":1,\"instances_running\":0,"
                        + "\"monthly_cots\":2}}", Fleet.class));
        assertThat(fleet.getMessage(), containsString("monthly_cots"));
        UnrecognizedPropertyException rollbackCase = expectThrows(UnrecognizedPropertyException.class,
                () -> TestData.mapper().readValue("{\"name\":\"n\",\"fault\":\"api_error\",\"failed_step\":\"s\","
                        + "\"error_contains\":\"e\",\"instances_created\":0,\"deployment_scoped\":true,"
                        + "\"inject_after\":\"deploy_canary\"}",
                        Scenarios.RollbackCase.class));
        assertThat(rollbackCase.getMessage(), containsString("inject_after"));
        MismatchedInputException nullNumber = expectThrows(MismatchedInputException.class, () -> TestData.mapper()
                .readValue("{\"min\":null,\"max\":1}", Scenarios.Band.class));
        assertThat(nullNumber.getMessage(), containsString("min"));
        MismatchedInputException missingNumber = expectThrows(MismatchedInputException.class, () -> TestData.mapper()
                .readValue("{\"max\":1}", Scenarios.Band.class));
        assertThat(missingNumber.getMessage(), containsString("min"));
    }

    @Test
    public void everyProviderHasRows() {
        for (Object[][] rows : List.of(DataProviders.customerProfiles(), DataProviders.spotEligibleFleets(),
                DataProviders.allFleets(), DataProviders.rollbackCases(), DataProviders.crossCloudDirections(),
                DataProviders.conflictCases())) {
            assertThat(rows.length, greaterThanOrEqualTo(2));
        }
        IllegalStateException empty = expectThrows(IllegalStateException.class,
                () -> DataProviders.rows("nothing", List.of()));
        assertThat(empty.getMessage(), containsString("vacuously"));
    }

    /**
     * TestNG skips the tests of a data provider that throws unless {@code propagateFailureAsTestFailure} is set (TestNG
     * 7.12, PR #2748), and runs nothing for an empty one: every provider of the suite must propagate, and
     * {@link DataProviders#rows} turns "empty" into a throw.
     */
    @Test
    public void everySuiteDataProviderPropagatesItsFailureAsATestFailure() throws Exception {
        Path root = Path.of(DataProviders.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> providers = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("io/optiinfra/e2e"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                for (Method method : Class.forName(name, false, getClass().getClassLoader()).getDeclaredMethods()) {
                    DataProvider provider = method.getAnnotation(DataProvider.class);
                    if (provider != null) {
                        providers.add(name + "#" + method.getName());
                        if (!provider.propagateFailureAsTestFailure()) {
                            silent.add(name + "#" + method.getName());
                        }
                    }
                }
            }
        }
        assertThat("data providers found", providers.size(), greaterThanOrEqualTo(6));
        assertThat("data providers whose failure would only skip their tests", silent, empty());
    }
}
