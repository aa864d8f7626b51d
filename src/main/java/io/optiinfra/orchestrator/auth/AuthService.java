package io.optiinfra.orchestrator.auth;

import io.optiinfra.common.ApiException;
import io.optiinfra.orchestrator.events.EventBus;
import io.optiinfra.common.web.Web;
import io.optiinfra.store.Postgres;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Sign-up and login. Passwords are stored only as BCrypt hashes. */
public final class AuthService {
    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}$");
    private static final Set<String> PLANS = Set.of("free", "pro", "enterprise");
    private static final String DUPLICATE_KEY = "23505";

    public record SignupRequest(String email, String company_name, String password, String plan) {}
    public record LoginRequest(String username, String password) {}
    public record TokenResponse(String access_token, String token_type, long expires_in) {}

    private final Postgres pg;
    private final Passwords passwords;
    private final JwtTokens jwt;
    private final LoginRateLimiter rateLimiter;
    private final EventBus events;

    public AuthService(Postgres pg, Passwords passwords, JwtTokens jwt, LoginRateLimiter rateLimiter, EventBus events) {
        this.pg = pg;
        this.passwords = passwords;
        this.jwt = jwt;
        this.rateLimiter = rateLimiter;
        this.events = events;
    }

    public UUID signup(SignupRequest request) {
        String email = validEmail(request.email());
        String company = Web.requireText(request.company_name(), "company_name", 200);
        String password = validPassword(request.password());
        String plan = request.plan() == null ? "free" : request.plan();
        if (!PLANS.contains(plan)) {
            throw ApiException.badRequest("plan must be one of " + PLANS);
        }
        UUID customerId = UUID.randomUUID();
        String hash = passwords.hash(password);
        try {
            pg.inTransaction(c -> {
                Postgres.prepare(c, "INSERT INTO customers (id, company_name, plan) VALUES (?, ?, ?)",
                        customerId, company, plan).executeUpdate();
                Postgres.prepare(c, "INSERT INTO users (id, customer_id, email, password_hash, role) "
                        + "VALUES (?, ?, ?, ?, 'customer')", UUID.randomUUID(), customerId, email, hash).executeUpdate();
                Postgres.prepare(c, "INSERT INTO infrastructure (customer_id, status) VALUES (?, 'pending')",
                        customerId).executeUpdate();
                return null;
            });
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState())) {
                throw ApiException.conflict("an account with this email already exists");
            }
            throw e;
        }
        events.publish(customerId, "customer_created", "orchestrator", Map.of("plan", plan, "company_name", company));
        return customerId;
    }

    public TokenResponse login(LoginRequest request) {
        String username = Web.requireText(request.username(), "username", 254).toLowerCase();
        Web.requireText(request.password(), "password", 200);
        rateLimiter.check(username);
        Map<String, Object> user = pg.queryOne("SELECT id, customer_id, password_hash, role FROM users WHERE email = ?",
                username).orElse(null);
        boolean verified = user == null ? passwords.decoyMismatch(request.password())
                : passwords.matches(request.password(), (String) user.get("password_hash"));
        if (!verified) {
            rateLimiter.recordFailure(username); // 429 instead of 401 once the limit is used up, even in parallel
            throw ApiException.unauthorized("invalid username or password");
        }
        rateLimiter.reset(username);
        String token = jwt.issue(user.get("id").toString(), (UUID) user.get("customer_id"), "admin".equals(user.get("role")));
        return new TokenResponse(token, "bearer", jwt.lifetimeSeconds());
    }

    /** Creates or refreshes the configured admin account at start-up. */
    public void ensureAdmin(String email, String password) {
        String hash = passwords.hash(password);
        pg.update("INSERT INTO users (id, customer_id, email, password_hash, role) VALUES (?, NULL, ?, ?, 'admin') "
                + "ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = 'admin'",
                UUID.randomUUID(), email.toLowerCase(), hash);
    }

    private static String validEmail(String email) {
        String value = Web.requireText(email, "email", 254).toLowerCase();
        if (!EMAIL.matcher(value).matches()) {
            throw ApiException.badRequest("email is not a valid address");
        }
        return value;
    }

    private static String validPassword(String password) {
        if (password == null || password.length() < 8 || password.length() > 128) {
            throw ApiException.badRequest("password must have 8 to 128 characters");
        }
        return password;
    }
}
