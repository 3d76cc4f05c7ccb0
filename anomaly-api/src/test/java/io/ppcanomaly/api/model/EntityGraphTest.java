package io.ppcanomaly.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityGraphTest {

    private static List<Entity> account() {
        List<Entity> es = new ArrayList<>();
        es.add(Entity.root("prof", EntityType.PROFILE, "Profile"));
        es.add(new Entity("pf", EntityType.PORTFOLIO, "Portfolio", "prof"));
        es.add(new Entity("cp", EntityType.CAMPAIGN, "Campaign", "pf"));
        es.add(new Entity("ag1", EntityType.AD_GROUP, "Ad group 1", "cp"));
        es.add(new Entity("ag2", EntityType.AD_GROUP, "Ad group 2", "cp"));
        es.add(new Entity("kw1", EntityType.KEYWORD, "running shoes", "ag1"));
        es.add(new Entity("kw2", EntityType.KEYWORD, "trail shoes", "ag1"));
        es.add(new Entity("kw3", EntityType.KEYWORD, "red shoes", "ag1"));
        es.add(new Entity("pt1", EntityType.PRODUCT_TARGET, "B00TEST", "ag2"));
        return es;
    }

    @Test
    void answersParentAncestorsChildrenSiblingsAndDescendants() {
        EntityGraph g = EntityGraph.of(account());
        assertThat(g.size()).isEqualTo(9);
        assertThat(g.parent("kw1").id()).isEqualTo("ag1");
        assertThat(g.parent("prof")).isNull();
        assertThat(g.ancestors("kw1", 3)).extracting(Entity::id).containsExactly("ag1", "cp", "pf");
        assertThat(g.ancestors("kw1", 10)).extracting(Entity::id).containsExactly("ag1", "cp", "pf", "prof");
        assertThat(g.ancestors("kw1", 0)).isEmpty();
        assertThat(g.children("ag1")).extracting(Entity::id).containsExactly("kw1", "kw2", "kw3");
        assertThat(g.children("kw1")).isEmpty();
        assertThat(g.siblings("kw2")).extracting(Entity::id).containsExactly("kw1", "kw3");
        assertThat(g.siblings("prof")).isEmpty();
        assertThat(g.descendants("cp")).extracting(Entity::id)
                .containsExactly("ag1", "ag2", "kw1", "kw2", "kw3", "pt1");
        assertThat(g.leaves("cp")).extracting(Entity::id).containsExactly("kw1", "kw2", "kw3", "pt1");
        assertThat(g.leaves("kw1")).extracting(Entity::id).containsExactly("kw1");
        assertThat(g.ancestorOfType("kw1", EntityType.CAMPAIGN).id()).isEqualTo("cp");
        assertThat(g.entities(EntityType.KEYWORD)).hasSize(3);
        assertThat(g.roots()).extracting(Entity::id).containsExactly("prof");
    }

    @Test
    void rejectsADuplicateId() {
        List<Entity> es = account();
        es.add(new Entity("kw1", EntityType.KEYWORD, "dup", "ag2"));
        assertThatThrownBy(() -> EntityGraph.of(es)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kw1'").hasMessageContaining("unique");
    }

    @Test
    void rejectsAMissingParentNamingBoth() {
        List<Entity> es = account();
        es.add(new Entity("kw9", EntityType.KEYWORD, "orphan", "ag-missing"));
        assertThatThrownBy(() -> EntityGraph.of(es)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kw9").hasMessageContaining("ag-missing");
    }

    @Test
    void rejectsAParentThatIsNotAboveItsChild() {
        List<Entity> es = account();
        es.add(new Entity("kw9", EntityType.KEYWORD, "under a keyword", "kw1"));
        assertThatThrownBy(() -> EntityGraph.of(es)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kw9").hasMessageContaining("KEYWORD");
    }

    @Test
    void rejectsACycle() {
        // Types alone rule cycles out; two same-level nodes pointing at each other hit the type rule first,
        // so the cycle is reported either way with both ids in the message.
        List<Entity> es = List.of(new Entity("a", EntityType.CAMPAIGN, "a", "b"),
                new Entity("b", EntityType.CAMPAIGN, "b", "a"));
        assertThatThrownBy(() -> EntityGraph.of(es)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'").hasMessageContaining("'b'");
    }

    @Test
    void rejectsUnknownIdsInQueries() {
        EntityGraph g = EntityGraph.of(account());
        assertThatThrownBy(() -> g.children("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
        assertThatThrownBy(() -> g.ancestors("kw1", -1)).hasMessageContaining("hops must be >= 0, got -1");
    }

    @Test
    void entityRejectsBlankIdAndSelfParent() {
        assertThatThrownBy(() -> new Entity(" ", EntityType.KEYWORD, "x", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Entity("a", EntityType.KEYWORD, "x", "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Entity("a", EntityType.KEYWORD, "", null).name()).isEqualTo("a");
    }

    @Test
    void entityTypeParsesWireNames() {
        assertThat(EntityType.parse("ad_group")).isEqualTo(EntityType.AD_GROUP);
        assertThat(EntityType.parse("Keyword")).isEqualTo(EntityType.KEYWORD);
        assertThatThrownBy(() -> EntityType.parse("banana")).hasMessageContaining("'banana'");
    }
}
