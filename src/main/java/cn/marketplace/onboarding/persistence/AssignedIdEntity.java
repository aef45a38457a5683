package cn.marketplace.onboarding.persistence;

import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Persistable;

/**
 * Base of our entities, whose IDs the application assigns (UUIDs, publisher IDs, idempotency keys).
 * Spring Data takes an entity whose ID is set for a stored one and updates it on {@code save}, which
 * fails for a row that is not there yet. An entity made with {@code new} is new until saved or loaded
 * ({@link StoredEntities}), so {@code save} inserts it, and updates it once it is stored.
 */
public abstract class AssignedIdEntity implements Persistable<String> {

  @Transient
  private boolean stored;

  @Override
  public boolean isNew() {
    return !stored;
  }

  void markStored() {
    stored = true;
  }
}
