package cn.marketplace.onboarding.persistence;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * Base of our entities, whose IDs the application assigns (UUIDs, publisher IDs, idempotency keys).
 * Spring Data takes an entity whose ID is set for a stored one and merges it on {@code save}: a
 * SELECT by ID before every INSERT. An entity made with {@code new} is new until persisted or
 * loaded, so {@code save} inserts it at once.
 */
@MappedSuperclass
public abstract class AssignedIdEntity implements Persistable<String> {

  @Transient
  private boolean stored;

  @Override
  public boolean isNew() {
    return !stored;
  }

  @PostPersist
  @PostLoad
  void markStored() {
    stored = true;
  }
}
