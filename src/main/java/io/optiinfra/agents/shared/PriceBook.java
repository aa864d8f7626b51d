package io.optiinfra.agents.shared;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The simulator's instance catalog ({@code GET /catalog/instance-types}), read-only. */
public final class PriceBook {
    private final List<InstancePrice> prices;

    public PriceBook(List<InstancePrice> prices) {
        this.prices = List.copyOf(prices);
    }

    public static PriceBook fromCatalog(JsonNode catalog) {
        List<InstancePrice> prices = new ArrayList<>();
        for (JsonNode t : catalog) {
            List<String> regions = new ArrayList<>();
            t.path("regions").forEach(r -> regions.add(r.asText()));
            JsonNode reserved = t.get("reserved_1yr_hourly");
            prices.add(new InstancePrice(t.path("cloud").asText(), t.path("instance_type").asText(), regions,
                    t.path("on_demand_hourly").asDouble(), t.path("spot_hourly").asDouble(),
                    t.path("spot_interruption_rate").asDouble(),
                    reserved != null && reserved.isNumber() ? reserved.asDouble() : null,
                    t.path("relative_performance").asDouble(0)));
        }
        return new PriceBook(prices);
    }

    public Optional<InstancePrice> find(String instanceType) {
        return prices.stream().filter(p -> p.name().equals(instanceType)).findFirst();
    }

    public List<InstancePrice> all() {
        return prices;
    }
}
