package io.optiinfra.cloudsim.faults;

import io.optiinfra.cloudsim.accounts.Account;
import io.optiinfra.cloudsim.accounts.Accounts;
import io.optiinfra.cloudsim.accounts.Ids;
import io.optiinfra.cloudsim.accounts.Instance;
import io.optiinfra.common.ApiException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Injects, lists and clears faults; every fault belongs to exactly one customer's account. */
public final class FaultService {
    public static final double DEFAULT_QUALITY_DROP = 0.1;
    public static final double DEFAULT_LATENCY_FACTOR = 3.0;

    private final Accounts accounts;

    public FaultService(Accounts accounts) {
        this.accounts = accounts;
    }

    public FaultView inject(FaultRequest request) {
        if (request.customerId() == null || request.customerId().isBlank()) {
            throw ApiException.badRequest("customer_id is required");
        }
        FaultType type = FaultType.parse(request.type());
        Double magnitude = magnitude(type, request.magnitude());
        Integer count = count(type, request.count());
        Account account = accounts.get(request.customerId());
        synchronized (account) {
            if (request.deploymentId() != null) {
                account.deployment(request.deploymentId());
            }
            Fault fault = new Fault(Ids.faultId(), account.customerId(), type, request.deploymentId(), magnitude,
                    count, Instant.now());
            if (type == FaultType.SPOT_INTERRUPTION) {
                fault.spent(interruptSpot(account, request.deploymentId()));
            }
            account.faults().add(fault);
            return fault.view();
        }
    }

    public List<FaultView> list(String customerId) {
        Account account = accounts.get(requireCustomer(customerId));
        synchronized (account) {
            return account.faults().views();
        }
    }

    public Map<String, Object> clear(String customerId) {
        Account account = accounts.get(requireCustomer(customerId));
        synchronized (account) {
            return Map.of("customer_id", account.customerId(), "cleared", account.faults().clear());
        }
    }

    /** Removes one fault by id, wherever it is. */
    public Map<String, Object> delete(String faultId) {
        for (Account account : accounts.all()) {
            synchronized (account) {
                if (account.faults().remove(faultId)) {
                    return Map.of("fault_id", faultId, "customer_id", account.customerId(), "deleted", true);
                }
            }
        }
        throw ApiException.notFound("no fault " + faultId);
    }

    private static List<String> interruptSpot(Account account, String deploymentId) {
        Instant now = Instant.now();
        List<String> interrupted = new ArrayList<>();
        for (Instance instance : account.instances()) {
            boolean inScope = deploymentId == null || deploymentId.equals(instance.deploymentId());
            if (inScope && instance.interrupt(now)) {
                interrupted.add(instance.id());
            }
        }
        return interrupted;
    }

    private static String requireCustomer(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw ApiException.badRequest("query parameter customer_id is required");
        }
        return customerId;
    }

    private static Double magnitude(FaultType type, Double magnitude) {
        return switch (type) {
            case QUALITY_DEGRADATION, CANARY_QUALITY_DEGRADATION -> {
                double m = magnitude == null ? DEFAULT_QUALITY_DROP : magnitude;
                if (!(m > 0 && m <= 1)) {
                    throw ApiException.badRequest("quality_degradation magnitude must be within (0, 1]");
                }
                yield m;
            }
            case LATENCY_SPIKE -> {
                double m = magnitude == null ? DEFAULT_LATENCY_FACTOR : magnitude;
                if (!(m > 0 && m <= 1000)) {
                    throw ApiException.badRequest("latency_spike magnitude must be within (0, 1000]");
                }
                yield m;
            }
            default -> magnitude;
        };
    }

    private static Integer count(FaultType type, Integer count) {
        if (type != FaultType.API_ERROR) {
            return count;
        }
        int n = count == null ? 1 : count;
        if (n < 1 || n > 1000) {
            throw ApiException.badRequest("api_error count must be within 1..1000");
        }
        return n;
    }
}
