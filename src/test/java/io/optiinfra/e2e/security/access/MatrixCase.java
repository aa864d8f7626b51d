package io.optiinfra.e2e.security.access;

/** One generated case: a route (or the WebSocket) called with one kind of credential; the name is the test's name. */
public record MatrixCase(AccessMatrix.RouteSpec route, String kind, int number) {
    @Override
    public String toString() {
        return (route == null ? "WS /ws/customers/{id}" : route.key()) + " as " + kind;
    }
}
