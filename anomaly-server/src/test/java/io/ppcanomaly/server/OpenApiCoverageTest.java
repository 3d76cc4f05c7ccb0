package io.ppcanomaly.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi.yaml} is true to the server: it documents exactly the routes the server registers, every
 * response the suite received matched it ({@link ApiClient} checks each one as it arrives), and the suite received
 * every documented success status. Runs after every other test class (see {@code junit-platform.properties}).
 */
@Order(Integer.MAX_VALUE)
class OpenApiCoverageTest {

    @Test
    void theDocumentListsExactlyTheRoutesTheServerRegisters() {
        Set<String> documented = new LinkedHashSet<>();
        OpenApiContract.INSTANCE.operations().forEach(o -> documented.add(o.method() + " " + o.template()));
        Set<String> registered = new LinkedHashSet<>();
        ApiRoute.ALL.forEach(r -> registered.add(r.method() + " " + r.path()));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void theSuiteReceivedEveryDocumentedSuccessAndMatchedTheDocumentEachTime() {
        TestServers.get(TestServers.Db.H2).client.get(null, "/metrics");
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : OpenApiContract.INSTANCE.documentedStatuses().entrySet()) {
            for (String status : e.getValue()) {
                if (status.startsWith("2") && !OpenApiContract.INSTANCE.seen().contains(e.getKey() + " " + status)) {
                    missing.add(e.getKey() + " " + status);
                }
            }
        }
        assertThat(missing).as("documented successes no test received").isEmpty();
        assertThat(OpenApiContract.INSTANCE.checkedCount()).as("responses checked against the document")
                .isGreaterThan(500);
        for (String s : List.of("400", "401", "403", "404", "409", "413", "429")) {
            assertThat(OpenApiContract.INSTANCE.seen()).as("some endpoint answered " + s)
                    .anyMatch(x -> x.endsWith(" " + s));
        }
    }
}
