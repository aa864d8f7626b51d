package io.optiinfra.portal.view;

import java.util.Locale;

/** How the portal writes money: US dollars with cents and thousands separators. */
public final class Money {
    private Money() {}

    public static String usd(double value) {
        return String.format(Locale.US, "$%,.2f", value);
    }
}
