-- The support's filters list one or two task definitions ("Releases to schedule": scheduleRelease) by
-- due date. Without an index on the definition key, a filter whose tasks are few or none walked every
-- open task in due-date order before it could answer; with it, the database reads that key's tasks
-- in due-date order and stops after the page.
create index if not exists OB_IDX_TASK_DEF_KEY_DUE on ACT_RU_TASK(TASK_DEF_KEY_, DUE_DATE_);
