package io.optiinfra.cloudsim.accounts;

import io.optiinfra.cloudsim.faults.AccountFaults;
import io.optiinfra.cloudsim.faults.Fault;
import io.optiinfra.cloudsim.faults.FaultRequest;
import io.optiinfra.cloudsim.faults.FaultType;
import io.optiinfra.cloudsim.faults.FaultView;
import io.optiinfra.cloudsim.instances.Ids;
import io.optiinfra.cloudsim.instances.Instance;
import io.optiinfra.common.ApiException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Injects, lists and clears faults; every fault belongs to exactly one customer's account. */
public final class FaultService {
    public static final double DEFAULT_QUALITY_DROP = 0.1;
    public static final double DEFAULT_LATENCY_FACTOR = 3.0;
    public static final double DEFAULT_SLOW_ANSWER_MS = 1500;

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
            String operation = request.operation() == null || request.operation().isBlank() ? null : request.operation();
            Fault fault = new Fault(Ids.faultId(), account.customerId(), type, request.deploymentId(), magnitude,
                    count, Instant.now(), operation, skip(request.skip()));
            boolean oneShot = type == FaultType.SPOT_INTERRUPTION || type == FaultType.INSTANCE_LOSS;
            if (oneShot && operation == null) {
                fault.spent(AccountFaults.strike(fault, account.instances()));
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

    /**
     * The answer delay of the next mutating call of this customer's account (consumes one slow answer), for the
     * HTTP layer to wait outside the account's lock: the change is made, only its answer is late.
     */
    public long slowAnswerDelay(String customerId, String operation) {
        Account account = accounts.get(customerId);
        synchronized (account) {
            return account.faults().consumeSlowAnswer(operation);
        }
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
            case SLOW_RESPONSES -> {
                double m = magnitude == null ? DEFAULT_SLOW_ANSWER_MS : magnitude;
                if (!(m > 0 && m <= 30_000)) {
                    throw ApiException.badRequest("slow_responses magnitude (answer delay in ms) must be within (0, 30000]");
                }
                yield m;
            }
            case THROTTLING -> {
                // optional: the Retry-After (in ms) its 429 answers carry; none means the caller picks its own backoff
                if (magnitude != null && !(magnitude >= 0 && magnitude <= 60_000)) {
                    throw ApiException.badRequest("throttling magnitude (Retry-After in ms) must be within [0, 60000]");
                }
                yield magnitude;
            }
            default -> magnitude;
        };
    }

    private static int skip(Integer skip) {
        int n = skip == null ? 0 : skip;
        if (n < 0 || n > 1000) {
            throw ApiException.badRequest("skip must be within 0..1000");
        }
        return n;
    }

    private static Integer count(FaultType type, Integer count) {
        if (!java.util.Set.of(FaultType.API_ERROR, FaultType.THROTTLING, FaultType.SLOW_RESPONSES,
                FaultType.INSTANCE_LOSS).contains(type)) {
            return count;
        }
        int n = count == null ? 1 : count;
        if (n < 1 || n > 1000) {
            throw ApiException.badRequest(type.wireName() + " count must be within 1..1000");
        }
        return n;
    }
}
