package io.optiinfra.portal;

import com.fasterxml.jackson.databind.JsonNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.optiinfra.portal.view.Page;

import java.util.LinkedHashMap;
import java.util.Map;

/** What every page handler shares: the orchestrator client, the precompiled templates and the page frame. */
public final class Portal {
    private final OrchestratorApi api;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    public Portal(OrchestratorApi api) {
        this.api = api;
    }

    public OrchestratorApi api() {
        return api;
    }

    /** Renders {@code template} (src/main/jte) with the given parameters; jte escapes every {@code ${…}}. */
    public void render(Context ctx, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template, params, out);
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    /** Renders a full page: the frame (company name from the API, navigation) plus the page's own parameters. */
    public void page(Context ctx, Session session, String template, String title, String active, String message,
                     Map<String, Object> params) {
        JsonNode customer = api.get(session.token(), "/customers/" + session.customerId());
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("page", new Page(title, session.customerId(), customer.path("company_name").asText(), active, message));
        render(ctx, template, all);
    }

    /** Pages under /customers/{id}/… are the signed-in customer's own: another id is refused before any API call. */
    public static Session requireOwn(Context ctx) {
        Session session = Session.require(ctx);
        if (!session.customerId().equals(ctx.pathParam("customerId"))) {
            throw new ApiError(403, "forbidden", "This page belongs to another account.");
        }
        return session;
    }

    public static boolean isFragment(Context ctx) {
        return ctx.path().endsWith("/live");
    }
}
