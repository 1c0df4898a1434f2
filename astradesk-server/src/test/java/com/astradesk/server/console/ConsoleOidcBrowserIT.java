package com.astradesk.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console's OpenID Connect sign-in in a real browser: Authorization Code + PKCE (S256) against a local issuer
 * that implements the protocol (mock-oauth2-server with its interactive login page: discovery, an authorization
 * endpoint that redirects back with a code, a token endpoint that checks the code verifier against the challenge,
 * and the JWKS the server verifies the token with). Driven from the keyboard; afterwards the token is in the page's
 * memory only (no storage, no cookie on the console's origin) and calls the API.
 */
class ConsoleOidcBrowserIT {
    private static final String REALM = "astradesk";
    private static final String CLIENT_ID = "astradesk-console";
    private static final String AUDIENCE = "astradesk-api";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MockOAuth2Server issuer;
    private static AstraDeskServer server;
    private static String base;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        ConsoleBrowsers.requireChromium();
        issuer = new MockOAuth2Server(new OAuth2Config(true));
        issuer.start(InetAddress.getLoopbackAddress(), 0);
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("ASTRADESK_HOME", tmp.toString());
        env.put("KNOWLEDGE_DIR", Files.createDirectories(tmp.resolve("kb")).toString());
        env.put("EMBEDDING_MODEL", "hashing");
        env.put("WEATHER_URL", "none");
        env.put("OIDC_ISSUER", issuer.issuerUrl(REALM).toString());
        env.put("OIDC_AUDIENCE", AUDIENCE);
        env.put("OIDC_JWKS_URL", issuer.jwksUrl(REALM).toString());
        env.put("OIDC_CONSOLE_CLIENT_ID", CLIENT_ID);
        server = ServerWiring.wire(AstraDeskConfig.fromEnv(env)).start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (issuer != null) {
            issuer.shutdown();
        }
    }

    @Test
    void should_sign_in_with_authorization_code_and_pkce_from_the_keyboard_and_keep_the_token_in_memory()
            throws Exception {
        ChromeDriver d = ConsoleBrowsers.open(tmp, "oidc");
        try {
            // the console offers the organisation's sign-in; the button is reached and pressed from the keyboard
            d.get(base + "/console");
            ConsoleBrowsers.await(d, "#signin-oidc");
            ConsoleBrowsers.tabTo(d, "signin-oidc", 6).sendKeys(Keys.ENTER);

            // the issuer's login page (the authorization endpoint), with the PKCE challenge in the request
            WebElement user = ConsoleBrowsers.await(d, "input[name='username']");
            assertThat(d.getCurrentUrl())
                    .startsWith(issuer.authorizationEndpointUrl(REALM).toString())
                    .contains("code_challenge_method=S256")
                    .contains("code_challenge=")
                    .contains("client_id=" + CLIENT_ID)
                    .doesNotContain("code_verifier");
            ConsoleBrowsers.shot(d, "oidc-01-issuer-login");
            user.sendKeys("olga");
            d.findElement(By.cssSelector("textarea[name='claims']"))
                    .sendKeys("{\"aud\": [\"" + AUDIENCE + "\"], \"roles\": [\"sre\"]}");
            user.sendKeys(Keys.ENTER);

            // back on the console: the code was exchanged, the address bar no longer carries it
            ConsoleBrowsers.awaitText(d, "#session-who", "olga");
            assertThat(d.getCurrentUrl()).isEqualTo(base + "/console");
            ConsoleBrowsers.assertNothingStored(d);

            // the token calls the API
            d.findElement(By.id("run-input")).sendKeys("show metrics for webapp");
            d.findElement(By.id("run-submit")).click();
            ConsoleBrowsers.await(d, "li.step[data-tool='get_metrics'][data-status='ok']");
            ConsoleBrowsers.shot(d, "oidc-02-signed-in-run");
            ConsoleBrowsers.assertSafe(d);
            ConsoleBrowsers.assertNothingStored(d);

            // memory only: a reload signs out
            d.navigate().refresh();
            ConsoleBrowsers.await(d, "#signin-oidc");
        } catch (RuntimeException | AssertionError e) {
            ConsoleBrowsers.shot(d, "oidc-failure");
            throw e;
        } finally {
            d.quit();
        }
    }

    @Test
    void should_refuse_a_code_whose_verifier_does_not_match_the_challenge() throws Exception {
        // given: two codes issued for the S256 challenge of one verifier (a code is single-use)
        String verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = base + "/console";
        HttpClient http = HttpClient.newHttpClient();
        String first = code(http, challenge, redirect);
        String second = code(http, challenge, redirect);

        // when: one code is exchanged with another verifier, the other with the right one
        HttpResponse<String> wrong = token(http, first, redirect, verifier.replace('0', '1'));
        HttpResponse<String> right = token(http, second, redirect, verifier);

        // then
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        JsonNode tokens = JSON.readTree(right.body());
        assertThat(tokens.get("access_token").asText()).isNotBlank();
    }

    /** Signs in at the authorization endpoint (its login form) and returns the code it redirects back with. */
    private static String code(HttpClient http, String challenge, String redirect)
            throws IOException, InterruptedException {
        String authorize = issuer.authorizationEndpointUrl(REALM) + "?"
                + form(Map.of(
                        "response_type", "code",
                        "client_id", CLIENT_ID,
                        "redirect_uri", redirect,
                        "scope", "openid",
                        "state", "s1",
                        "code_challenge", challenge,
                        "code_challenge_method", "S256"));
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(authorize))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "mallory"))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        String location = login.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirect + "?");
        return query(URI.create(location).getRawQuery()).get("code");
    }

    private static HttpResponse<String> token(HttpClient http, String code, String redirect, String verifier)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(issuer.tokenEndpointUrl(REALM).toString()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "grant_type", "authorization_code",
                                "code", code,
                                "redirect_uri", redirect,
                                "client_id", CLIENT_ID,
                                "code_verifier", verifier))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
