package cn.marketplace.onboarding.persistence;

import org.springframework.data.relational.core.mapping.event.AfterConvertCallback;
import org.springframework.data.relational.core.mapping.event.AfterSaveCallback;
import org.springframework.stereotype.Component;

/** Marks an entity stored once it was loaded or saved: its next {@code save} is an UPDATE. */
@Component
class StoredEntities implements AfterConvertCallback<AssignedIdEntity>, AfterSaveCallback<AssignedIdEntity> {

  @Override
  public AssignedIdEntity onAfterConvert(AssignedIdEntity entity) {
    entity.markStored();
    return entity;
  }

  @Override
  public AssignedIdEntity onAfterSave(AssignedIdEntity entity) {
    entity.markStored();
    return entity;
  }
}
