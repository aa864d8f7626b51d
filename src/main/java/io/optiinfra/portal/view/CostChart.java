package io.optiinfra.portal.view;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The dashboard's inline SVG line chart of the measured monthly cost over time (no script, no library). */
public record CostChart(int width, int height, String polyline, int points, String min, String max,
                        String from, String to) {
    private static final int W = 640;
    private static final int H = 200;
    private static final int PAD = 10;

    public static CostChart from(JsonNode series) {
        List<double[]> values = new ArrayList<>();
        series.forEach(p -> values.add(new double[]{values.size(), p.path("monthly_cost").asDouble()}));
        if (values.isEmpty()) {
            return new CostChart(W, H, "", 0, null, null, null, null);
        }
        double lo = values.stream().mapToDouble(v -> v[1]).min().orElse(0);
        double hi = values.stream().mapToDouble(v -> v[1]).max().orElse(0);
        double span = hi - lo < 1e-9 ? 1 : hi - lo;
        double step = values.size() == 1 ? 0 : (W - 2.0 * PAD) / (values.size() - 1);
        StringBuilder line = new StringBuilder();
        for (double[] v : values) {
            double x = PAD + v[0] * step;
            double y = H - PAD - (v[1] - lo) / span * (H - 2.0 * PAD);
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return new CostChart(W, H, line.toString().trim(), values.size(), Money.usd(lo), Money.usd(hi),
                series.get(0).path("timestamp").asText(), series.get(series.size() - 1).path("timestamp").asText());
    }
}
