package io.optiinfra.cloudsim.catalog;

import io.optiinfra.common.ApiException;

/** Purchase markets of an instance. */
public final class Markets {
    public static final String ON_DEMAND = "on_demand";
    public static final String SPOT = "spot";
    /** 1-year reserved capacity: on-demand reliability at the catalog's reserved_1yr_hourly price. */
    public static final String RESERVED = "reserved";

    private Markets() {}

    /** {@code null} means on-demand; anything but the two markets is a 400. */
    public static String parse(String market) {
        if (market == null) {
            return ON_DEMAND;
        }
        if (ON_DEMAND.equals(market) || SPOT.equals(market) || RESERVED.equals(market)) {
            return market;
        }
        throw ApiException.badRequest("market must be on_demand, spot or reserved, not '" + market + "'");
    }
}
