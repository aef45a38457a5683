-- Cockpit lists a process's running instances newest first, by the start time that only their history
-- rows hold. With this index the database reads the history rows of the process in that order and
-- stops after the page (AuthorizedCockpitQueries.xml), instead of reading and sorting every instance.
create index if not exists OB_IDX_HI_PROCINST_DEF_START on ACT_HI_PROCINST(PROC_DEF_ID_, START_TIME_);
