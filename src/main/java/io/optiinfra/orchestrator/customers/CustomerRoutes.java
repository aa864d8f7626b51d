package io.optiinfra.orchestrator.customers;

import io.javalin.http.Context;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.auth.Authenticator;
import io.optiinfra.orchestrator.http.RouteTable;
import io.optiinfra.store.Postgres;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** GET /customers (admin) and GET /customers/{id} (own tenant or admin). */
public final class CustomerRoutes {
    private static final String SELECT = "SELECT c.id, c.company_name, c.plan, c.priority_order, c.created_at, "
            + "(SELECT u.email FROM users u WHERE u.customer_id = c.id ORDER BY u.created_at LIMIT 1) AS email "
            + "FROM customers c";

    /** Who may come first when recommendations contradict (SPEC §6: default customer > performance > cost > resource). */
    private static final Set<String> PRIORITY_PARTIES = Set.of("customer", "performance", "cost", "resource", "application");

    public record Preferences(List<String> priority_order) {}

    private final Postgres pg;

    public CustomerRoutes(Postgres pg) {
        this.pg = pg;
    }

    public void register(RouteTable routes) {
        routes.get("/customers", Access.ADMIN, ctx -> ctx.json(pg.query(SELECT + " ORDER BY c.created_at")));
        routes.get("/customers/{id}", Access.USER, ctx -> ctx.json(requireCustomer(ctx)));
        routes.put("/customers/{id}/preferences", Access.USER, ctx -> {
            UUID id = requireCustomerId(ctx);
            List<String> order = Web.body(ctx, Preferences.class).priority_order();
            if (order == null || order.isEmpty() || order.contains(null) || order.size() != new java.util.HashSet<>(order).size()
                    || !PRIORITY_PARTIES.containsAll(order)) {
                throw ApiException.badRequest("priority_order must list distinct parties from " + PRIORITY_PARTIES);
            }
            pg.update("UPDATE customers SET priority_order = ?::text[] WHERE id = ?", order.toArray(String[]::new), id);
            ctx.json(requireCustomer(ctx));
        });
    }

    /** 404 unless the customer exists, then 403 unless the caller may act for it (ids from request bodies). */
    public void requireExisting(Context ctx, UUID id) {
        if (pg.queryOne("SELECT 1 FROM customers WHERE id = ?", id).isEmpty()) {
            throw ApiException.notFound("customer " + id + " does not exist");
        }
        Authenticator.requireTenant(ctx, id);
    }

    /** The ids among {@code ids} that name no customer (ids from internal bodies, where no tenant applies). */
    public Set<UUID> unknown(Collection<UUID> ids) {
        Set<UUID> unknown = new TreeSet<>(ids);
        if (!unknown.isEmpty()) {
            pg.query("SELECT id FROM customers WHERE id = ANY(?::uuid[])", (Object) ids.toArray(UUID[]::new))
                    .forEach(row -> unknown.remove((UUID) row.get("id")));
        }
        return unknown;
    }

    /** Resolves the {id} path parameter to an existing customer the caller may see: 400, 404 or 403 otherwise. */
    public Map<String, Object> requireCustomer(Context ctx) {
        UUID id = Web.uuidParam(ctx, "id");
        List<Map<String, Object>> rows = pg.query(SELECT + " WHERE c.id = ?", id);
        if (rows.isEmpty()) {
            throw ApiException.notFound("customer " + id + " does not exist");
        }
        Authenticator.requireTenant(ctx, id);
        return rows.get(0);
    }

    /** Same checks as {@link #requireCustomer}, returning only the id. */
    public UUID requireCustomerId(Context ctx) {
        return (UUID) requireCustomer(ctx).get("id");
    }
}
