-- Cockpit counts a process's running instances each time its page opens. With the tenant and the
-- instance id in the index of V3, the database counts the history rows of one process's running instances
-- from the index alone (AuthorizedCockpitQueries.xml), instead of reading each row for the tenant check
-- and the grants on the instance, or every execution of the process. Same leading columns and directions
-- as V3's index, so the page newest first reads it in order as before; V3's index is then dropped.
create index if not exists OB_IDX_HI_PROCINST_RUNNING_COVERED
    on ACT_HI_PROCINST(END_TIME_ desc, PROC_DEF_ID_ desc, START_TIME_ desc, TENANT_ID_, PROC_INST_ID_);
drop index if exists OB_IDX_HI_PROCINST_RUNNING;
