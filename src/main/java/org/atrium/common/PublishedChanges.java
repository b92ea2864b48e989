package org.atrium.common;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.atrium.cluster.ClusterChannel;
import org.hibernate.Interceptor;
import org.hibernate.Transaction;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.type.Type;

/**
 * Notices, inside one Hibernate session, every insert, update and delete of a {@link PublishedEntity} (and of its
 * collections, such as a speaker's links), and once the transaction has completed tells {@link PublicRenderings} that
 * published data changed. That runs in the JTA transaction's after-completion, on the thread that commits, so before
 * the {@code @Transactional} method returns and before its HTTP response is written: a read that begins after an
 * edit's response never finds the rendering from before it. A rollback also drops the renderings (harmless: they are
 * rebuilt once). One instance per session ({@code @Dependent}), so the flag is never shared between transactions.
 */
@Dependent
@PersistenceUnitExtension
class PublishedChanges implements Interceptor {

    @Inject
    PublicRenderings renderings;

    @Inject
    ClusterChannel cluster;

    private boolean changed;

    @Override
    public boolean onPersist(Object entity, Object id, Object[] state, String[] names, Type[] types) {
        note(entity);
        return false;
    }

    @Override
    public boolean onFlushDirty(
            Object entity, Object id, Object[] state, Object[] previous, String[] names, Type[] types) {
        note(entity);
        return false;
    }

    @Override
    public void onRemove(Object entity, Object id, Object[] state, String[] names, Type[] types) {
        note(entity);
    }

    @Override
    public void onCollectionRecreate(Object collection, Object key) {
        noteOwner(collection);
    }

    @Override
    public void onCollectionRemove(Object collection, Object key) {
        noteOwner(collection);
    }

    @Override
    public void onCollectionUpdate(Object collection, Object key) {
        noteOwner(collection);
    }

    /**
     * After the flush and before the commit: the other nodes' notification joins the transaction (PostgreSQL delivers
     * it at the commit, and not on a rollback), so no node hears of a change that did not happen, and none misses one
     * that did while it listens.
     */
    @Override
    public void beforeTransactionCompletion(Transaction tx) {
        if (changed) {
            cluster.publish(PublicRenderings.TOPIC, "");
        }
    }

    @Override
    public void afterTransactionCompletion(Transaction tx) {
        if (changed) {
            changed = false;
            renderings.changed();
        }
    }

    private void note(Object entity) {
        if (entity instanceof PublishedEntity) {
            changed = true;
        }
    }

    private void noteOwner(Object collection) {
        if (collection instanceof PersistentCollection<?> c) {
            note(c.getOwner());
        }
    }
}
