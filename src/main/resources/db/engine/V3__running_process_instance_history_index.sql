-- Cockpit lists a process's running instances newest first, by the start time that only their history
-- rows hold. With this index the database reads the history rows of running instances (no end time)
-- of the process newest first and stops after the page (AuthorizedCockpitQueries.xml), instead of
-- reading and sorting every running instance; ended instances, however many, are not in its way.
-- Every column descending, for H2: it reads this index in order for an ORDER BY of its columns and
-- directions, and with an ascending end time it kept the engine's index on END_TIME_ and sorted.
create index if not exists OB_IDX_HI_PROCINST_RUNNING
    on ACT_HI_PROCINST(END_TIME_ desc, PROC_DEF_ID_ desc, START_TIME_ desc);
