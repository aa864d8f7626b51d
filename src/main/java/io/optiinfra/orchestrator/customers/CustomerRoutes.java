package io.optiinfra.orchestrator.customers;

import io.javalin.http.Context;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.web.Access;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.RouteTable;
import io.optiinfra.orchestrator.auth.Authenticator;
import io.optiinfra.store.Postgres;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** GET /customers (admin) and GET /customers/{id} (own tenant or admin). */
public final class CustomerRoutes {
    private static final String SELECT = "SELECT c.id, c.company_name, c.plan, c.priority_order, c.created_at, "
            + "(SELECT u.email FROM users u WHERE u.customer_id = c.id ORDER BY u.created_at LIMIT 1) AS email "
            + "FROM customers c";

    private final Postgres pg;

    public CustomerRoutes(Postgres pg) {
        this.pg = pg;
    }

    public void register(RouteTable routes) {
        routes.get("/customers", Access.ADMIN, ctx -> ctx.json(pg.query(SELECT + " ORDER BY c.created_at")));
        routes.get("/customers/{id}", Access.USER, ctx -> ctx.json(requireCustomer(ctx)));
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
