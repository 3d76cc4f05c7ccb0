package io.ppcanomaly.api.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validated account hierarchy: immutable, thread-safe, and cheap to query.
 *
 * <p>Built once from a collection of entities, it checks that ids are unique, every parent is present,
 * there is no cycle, and each parent's type sits above its child's ({@link EntityType#canParent}). Every
 * query runs in time linear in the size of its answer (children lists are precomputed).
 */
public final class EntityGraph {

    private final Map<String, Entity> byId;
    private final Map<String, List<Entity>> children;
    private final List<Entity> roots;
    private final List<Entity> all;

    private EntityGraph(Map<String, Entity> byId, Map<String, List<Entity>> children, List<Entity> roots,
                        List<Entity> all) {
        this.byId = byId;
        this.children = children;
        this.roots = roots;
        this.all = all;
    }

    /**
     * Builds and validates a graph.
     *
     * @param entities every entity, in any order
     * @return the graph
     * @throws IllegalArgumentException on a duplicate id, a missing parent, a cycle, or a parent whose type is
     *                                  not above its child's; the message names the entities involved
     */
    public static EntityGraph of(Collection<Entity> entities) {
        Objects.requireNonNull(entities, "entities");
        Map<String, Entity> byId = new HashMap<>(entities.size() * 2);
        List<Entity> all = new ArrayList<>(entities.size());
        for (Entity e : entities) {
            Objects.requireNonNull(e, "entity");
            Entity prev = byId.putIfAbsent(e.id(), e);
            if (prev != null) {
                throw new IllegalArgumentException("entity id must be unique, got '" + e.id() + "' twice");
            }
            all.add(e);
        }
        Map<String, List<Entity>> children = new HashMap<>();
        List<Entity> roots = new ArrayList<>();
        for (Entity e : all) {
            if (e.parentId() == null) {
                roots.add(e);
                continue;
            }
            Entity parent = byId.get(e.parentId());
            if (parent == null) {
                throw new IllegalArgumentException("parent of entity '" + e.id() + "' must be present, got missing '"
                        + e.parentId() + "'");
            }
            if (!parent.type().canParent(e.type())) {
                throw new IllegalArgumentException("parent of entity '" + e.id() + "' (" + e.type()
                        + ") must be of a higher level, got '" + parent.id() + "' (" + parent.type() + ")");
            }
            children.computeIfAbsent(parent.id(), k -> new ArrayList<>()).add(e);
        }
        // Strictly decreasing levels along parent links already rule out cycles; this walk is a defensive check
        // that also reports the cycle should the level rule ever be relaxed.
        Map<String, Boolean> done = new HashMap<>(byId.size() * 2);
        for (Entity e : all) {
            checkNoCycle(e, byId, done);
        }
        Map<String, List<Entity>> frozen = new HashMap<>(children.size() * 2);
        children.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new EntityGraph(Map.copyOf(byId), frozen, List.copyOf(roots), List.copyOf(all));
    }

    private static void checkNoCycle(Entity start, Map<String, Entity> byId, Map<String, Boolean> done) {
        List<String> path = new ArrayList<>();
        java.util.Set<String> onPath = new java.util.HashSet<>();
        Entity cur = start;
        while (cur != null && !done.containsKey(cur.id())) {
            if (!onPath.add(cur.id())) {
                throw new IllegalArgumentException("entity graph must not have a cycle, got " + String.join(" -> ", path)
                        + " -> " + cur.id());
            }
            path.add(cur.id());
            cur = cur.parentId() == null ? null : byId.get(cur.parentId());
        }
        for (String id : path) {
            done.put(id, Boolean.TRUE);
        }
    }

    /** @return the number of entities */
    public int size() {
        return all.size();
    }

    /** @return every entity, in the order given to {@link #of} */
    public List<Entity> entities() {
        return all;
    }

    /** @return the entities of one type, in input order */
    public List<Entity> entities(EntityType type) {
        List<Entity> out = new ArrayList<>();
        for (Entity e : all) {
            if (e.type() == type) {
                out.add(e);
            }
        }
        return out;
    }

    /** @return the entities without a parent */
    public List<Entity> roots() {
        return roots;
    }

    /** @return whether an entity with this id exists */
    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /**
     * @return the entity with this id
     * @throws IllegalArgumentException if there is none
     */
    public Entity get(String id) {
        Entity e = byId.get(Objects.requireNonNull(id, "id"));
        if (e == null) {
            throw new IllegalArgumentException("entity id must be in the graph, got '" + id + "'");
        }
        return e;
    }

    /** @return the parent, or {@code null} for a root */
    public Entity parent(String id) {
        Entity e = get(id);
        return e.parentId() == null ? null : byId.get(e.parentId());
    }

    /**
     * @param hops maximum number of levels to climb, &ge; 0
     * @return the ancestors nearest first (parent, grandparent, ...), at most {@code hops} of them
     */
    public List<Entity> ancestors(String id, int hops) {
        if (hops < 0) {
            throw new IllegalArgumentException("hops must be >= 0, got " + hops);
        }
        List<Entity> out = new ArrayList<>(Math.min(hops, 5));
        Entity cur = get(id);
        while (out.size() < hops && cur.parentId() != null) {
            cur = byId.get(cur.parentId());
            out.add(cur);
        }
        return out;
    }

    /** @return the direct children (empty for a leaf) */
    public List<Entity> children(String id) {
        get(id);
        return children.getOrDefault(id, Collections.emptyList());
    }

    /** @return the other children of this entity's parent (empty for a root) */
    public List<Entity> siblings(String id) {
        Entity e = get(id);
        if (e.parentId() == null) {
            return List.of();
        }
        List<Entity> kids = children.getOrDefault(e.parentId(), List.of());
        List<Entity> out = new ArrayList<>(Math.max(0, kids.size() - 1));
        for (Entity k : kids) {
            if (!k.id().equals(id)) {
                out.add(k);
            }
        }
        return out;
    }

    /** @return every entity below this one, breadth-first */
    public List<Entity> descendants(String id) {
        get(id);
        List<Entity> out = new ArrayList<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        queue.add(id);
        while (!queue.isEmpty()) {
            for (Entity c : children.getOrDefault(queue.poll(), List.of())) {
                out.add(c);
                queue.add(c.id());
            }
        }
        return out;
    }

    /** @return the leaf entities (keywords, product targets) below this one, or itself when it is a leaf */
    public List<Entity> leaves(String id) {
        Entity e = get(id);
        if (!children.containsKey(id)) {
            return List.of(e);
        }
        List<Entity> out = new ArrayList<>();
        for (Entity d : descendants(id)) {
            if (!children.containsKey(d.id())) {
                out.add(d);
            }
        }
        return out;
    }

    /** @return the nearest ancestor of the given type, or {@code null} if there is none */
    public Entity ancestorOfType(String id, EntityType type) {
        Entity cur = get(id);
        while (cur.parentId() != null) {
            cur = byId.get(cur.parentId());
            if (cur.type() == type) {
                return cur;
            }
        }
        return null;
    }
}
