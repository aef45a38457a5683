-- Every Tasklist list is sorted by due date and "Overdue" asks for tasks due before now; the engine
-- indexes ACT_RU_TASK by create time, assignee, owner and tenant, not by due date.
create index if not exists OB_IDX_TASK_DUE_DATE on ACT_RU_TASK(DUE_DATE_);
