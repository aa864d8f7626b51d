package io.optiinfra.agents.shared;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** The simulator's data-transfer prices between clouds ({@code GET /catalog/egress}), USD per GB. */
public final class EgressPrices {
    private final Map<String, Double> perGb;

    private EgressPrices(Map<String, Double> perGb) {
        this.perGb = Map.copyOf(perGb);
    }

    public static EgressPrices fromCatalog(JsonNode egress) {
        Map<String, Double> prices = new HashMap<>();
        for (JsonNode e : egress) {
            prices.put(key(e.path("from_cloud").asText(), e.path("to_cloud").asText()),
                    e.path("price_per_gb").asDouble());
        }
        return new EgressPrices(prices);
    }

    public static EgressPrices of(Map<String, Double> byFromArrowTo) {
        return new EgressPrices(byFromArrowTo);
    }

    /** Empty when the catalog has no price for that direction (then there is no figure to invent). */
    public OptionalDouble perGb(String fromCloud, String toCloud) {
        Double price = perGb.get(key(fromCloud, toCloud));
        return price == null ? OptionalDouble.empty() : OptionalDouble.of(price);
    }

    private static String key(String from, String to) {
        return from + "->" + to;
    }
}
