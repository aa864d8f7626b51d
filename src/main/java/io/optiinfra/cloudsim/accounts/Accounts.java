package io.optiinfra.cloudsim.accounts;

import io.optiinfra.common.ApiException;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The registry of customer accounts; an account is created the first time its customer id is used. */
public final class Accounts {
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();

    public Account get(String customerId) {
        if (customerId == null || !CUSTOMER_ID.matcher(customerId).matches()) {
            throw ApiException.badRequest("customer_id must be 1-128 characters of letters, digits and ._:@-");
        }
        return accounts.computeIfAbsent(customerId, Account::new);
    }

    public List<Account> all() {
        return List.copyOf(accounts.values());
    }
}
