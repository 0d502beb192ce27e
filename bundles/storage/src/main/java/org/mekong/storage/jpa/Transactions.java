package org.mekong.storage.jpa;

import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import javax.persistence.RollbackException;

import org.mekong.core.api.ConflictException;
import org.mekong.core.api.MekongException;

/**
 * Explicit transaction boundaries for RESOURCE_LOCAL persistence units: one entity manager and
 * one transaction per call, rolled back on any exception. Lock and unique-key failures become
 * a {@link ConflictException} (409).
 */
public final class Transactions {

    private Transactions() {
    }

    public static <T> T write(EntityManagerFactory emf, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            em.flush();
            tx.commit();
            return result;
        } catch (OptimisticLockException | RollbackException e) {
            throw conflict(e);
        } catch (PersistenceException e) {
            if (isConstraintViolation(e)) {
                throw conflict(e);
            }
            throw e;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    public static <T> T read(EntityManagerFactory emf, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    private static MekongException conflict(RuntimeException e) {
        if (e.getCause() instanceof MekongException m) {
            return m;
        }
        return new ConflictException("The record was changed or created concurrently; read it again and retry");
    }

    private static boolean isConstraintViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (t instanceof java.sql.SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
