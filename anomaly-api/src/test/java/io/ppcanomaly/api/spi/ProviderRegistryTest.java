package io.ppcanomaly.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.Explainers;
import io.ppcanomaly.api.RootCauseAnalyzers;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

    interface Named {
        String name();
    }

    record Alpha(String name) implements Named {
    }

    record Beta(String name) implements Named {
    }

    /** Yields the given items, throwing a ServiceConfigurationError in place of each null. */
    private static Iterable<Named> loader(Named... items) {
        return () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < items.length;
            }

            @Override
            public Named next() {
                if (i >= items.length) {
                    throw new NoSuchElementException();
                }
                Named n = items[i++];
                if (n == null) {
                    throw new ServiceConfigurationError("io.example.Broken: Provider could not be instantiated");
                }
                return n;
            }
        };
    }

    @Test
    void listsNamesSortedAndFindsProvidersByName() {
        ProviderRegistry<Named> r = ProviderRegistry.of(loader(new Alpha("zeta"), new Beta("alpha")), "detector",
                Named::name);
        assertThat(r.names()).containsExactly("alpha", "zeta");
        assertThat(r.get("zeta")).isEqualTo(new Alpha("zeta"));
        assertThat(r.contains("alpha")).isTrue();
    }

    @Test
    void aProviderThatFailsToLoadIsSkippedAndTheOthersStillWork() {
        ProviderRegistry<Named> r = ProviderRegistry.of(loader(new Alpha("a"), null, new Beta("b")), "detector",
                Named::name);
        assertThat(r.names()).containsExactly("a", "b");
    }

    @Test
    void twoProvidersWithOneNameFailNamingBothClasses() {
        assertThatThrownBy(() -> ProviderRegistry.of(loader(new Alpha("x"), new Beta("x")), "detector", Named::name))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'x'").hasMessageContaining("Alpha").hasMessageContaining("Beta");
    }

    @Test
    void anUnknownNameFailsListingTheAvailableOnes() {
        ProviderRegistry<Named> r = ProviderRegistry.of(loader(new Alpha("a"), new Beta("b")), "detector",
                Named::name);
        assertThatThrownBy(() -> r.get("c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("detector name must be one of [a, b], got 'c'");
    }

    @Test
    void theRegistriesRejectUnknownNames() {
        assertThatThrownBy(() -> Detectors.create("no-such-detector", new Properties()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'no-such-detector'");
        assertThatThrownBy(() -> Explainers.create("no-such-explainer", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> RootCauseAnalyzers.create("no-such-analyzer", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be one of");
        assertThat(Detectors.available()).isSorted();
        assertThat(List.copyOf(Explainers.available())).isSorted();
    }
}
