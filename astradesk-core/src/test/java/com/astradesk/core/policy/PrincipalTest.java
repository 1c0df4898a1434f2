package com.astradesk.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalTest {

    @Test
    void should_merge_roles_from_every_role_bearing_claim() {
        // given
        Map<String, Object> claims = Map.of(
                "sub", "alice",
                "roles", List.of("Viewer"),
                "groups", List.of("/IT.Support"),
                "realm_access", Map.of("roles", List.of("offline_access")),
                "resource_access",
                        Map.of(
                                "astradesk", Map.of("roles", List.of("SRE")),
                                "grafana", Map.of("roles", List.of("editor"))));

        // when
        Principal p = Principal.fromClaims(claims);

        // then
        assertThat(p.subject()).isEqualTo("alice");
        assertThat(p.roles()).containsExactlyInAnyOrder("viewer", "it.support", "offline_access", "sre", "editor");
        assertThat(p.groups()).containsExactly("it.support");
    }

    @Test
    void should_accept_roles_given_as_a_comma_or_space_separated_string() {
        // given
        Map<String, Object> claims =
                Map.of("sub", "bob", "roles", "sre, it.support viewer", "realm_access", Map.of("roles", "Auditor"));

        // when
        Principal p = Principal.fromClaims(claims);

        // then
        assertThat(p.roles()).containsExactlyInAnyOrder("sre", "it.support", "viewer", "auditor");
    }

    @Test
    void should_check_roles_case_insensitively() {
        // given
        Principal p = Principal.fromClaims(Map.of("sub", "carol", "roles", List.of("IT.Support")));

        // then
        assertThat(p.hasRole("it.support")).isTrue();
        assertThat(p.hasRole("IT.SUPPORT")).isTrue();
        assertThat(p.hasAnyRole(List.of("sre", "It.Support"))).isTrue();
        assertThat(p.hasAnyRole(List.of("sre"))).isFalse();
    }

    @Test
    void should_ignore_claims_of_unexpected_shape() {
        // given
        Map<String, Object> claims =
                Map.of("sub", "dave", "roles", 42, "realm_access", "not-a-map", "resource_access", Map.of("x", "nope"));

        // when
        Principal p = Principal.fromClaims(claims);

        // then
        assertThat(p.roles()).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void should_refuse_claims_without_a_subject(String sub) {
        // given
        Map<String, Object> claims = new HashMap<>();
        claims.put("roles", List.of("sre"));
        if (sub != null) {
            claims.put("sub", sub);
        }

        // when / then
        assertThatThrownBy(() -> Principal.fromClaims(claims))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sub");
    }

    @Test
    void should_refuse_null_claims() {
        assertThatThrownBy(() -> Principal.fromClaims(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_take_the_tenant_from_tenant_else_tid() {
        assertThat(Principal.fromClaims(Map.of("sub", "a", "tenant", "acme", "tid", "other"))
                        .tenant())
                .contains("acme");
        assertThat(Principal.fromClaims(Map.of("sub", "a", "tid", "contoso")).tenant())
                .contains("contoso");
        assertThat(Principal.fromClaims(Map.of("sub", "a")).tenant()).isEmpty();
    }

    @Test
    void should_tolerate_duplicate_roles_in_the_convenience_factory() {
        // when
        Principal p = Principal.of("eve", "sre", "SRE", " sre ");

        // then
        assertThat(p.roles()).containsExactly("sre");
    }
}
