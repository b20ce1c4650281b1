package nc.esim.billing.catalog;

import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;

import nc.esim.support.problems.Problems;

/**
 * What operators do the same way to every kind of catalog entry: find it, add it or change it (never a
 * retired one: a retired code stays what it was), retire it (twice changes nothing). Called inside the
 * resource's transaction.
 */
public final class CatalogEditor<E extends CatalogEntry> {
    private final String kind;
    private final String title;
    private final Class<E> type;
    private final Supplier<E> create;
    private final EntityManager entityManager;
    private final Clock clock;

    /**
     * @param kind what an entry is called in problem codes and messages: plan, add-on, promotion
     */
    public CatalogEditor(String kind, Class<E> type, Supplier<E> create, EntityManager entityManager, Clock clock) {
        this.kind = kind;
        this.title = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        this.type = type;
        this.create = create;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** An entry after {@link #define}: {@code added} when it did not exist before. */
    public record Defined<E>(E entry, boolean added) {
    }

    public E find(String code) {
        E entry = entityManager.find(type, code);
        if (entry == null) {
            throw Problems.of(404, kind + "-not-found", title + " not found", "No " + kind + " has the code " + code);
        }
        return entry;
    }

    public Defined<E> define(String code, Consumer<E> definition) {
        E entry = entityManager.find(type, code);
        boolean added = entry == null;
        if (added) {
            entry = create.get();
            entry.code = code;
        } else if (entry.retired) {
            throw Problems.of(409, kind + "-retired", title + " retired",
                    title + " " + code + " is retired; add one under a new code");
        }
        definition.accept(entry);
        entry.updatedAt = clock.instant();
        if (added) {
            entityManager.persist(entry);
        }
        return new Defined<>(entry, added);
    }

    public E retire(String code) {
        E entry = find(code);
        if (!entry.retired) {
            entry.retired = true;
            entry.updatedAt = clock.instant();
        }
        return entry;
    }
}
