package io.scoregate.service.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    /** Only getPath is used by the mappers. */
    static final UriInfo URI = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(),
            new Class<?>[] {UriInfo.class}, (proxy, method, args) -> "/risk-score");

    final ProblemMappers mappers = new ProblemMappers();

    @Test
    void shouldTurnAnUnexpectedExceptionIntoA500ProblemWithoutItsDetails() {
        Response r = mappers.mapUnexpected(new IllegalStateException("db password is hunter2"), URI);
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(r.getMediaType().toString()).isEqualTo("application/problem+json");
        String body = (String) r.getEntity();
        assertThat(body).contains("\"type\":\"https://scoregate.io/problems/internal-error\"")
                .contains("\"instance\":\"/risk-score\"")
                .doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("\tat ");
    }

    @Test
    void shouldKeepTheStatusOfAFrameworkError() {
        Response r = mappers.mapWebApplication(new WebApplicationException(415), URI);
        assertThat(r.getStatus()).isEqualTo(415);
        assertThat((String) r.getEntity()).contains("\"type\":\"about:blank\"").contains("\"status\":415");
    }

    @Test
    void shouldLeaveAnAnswerAResourceBuiltItself() {
        Response own = Response.status(409).entity("{\"status\":409}").build();
        assertThat(mappers.mapWebApplication(new WebApplicationException(own), URI)).isSameAs(own);
    }
}
