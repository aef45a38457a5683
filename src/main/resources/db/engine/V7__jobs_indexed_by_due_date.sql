-- The job executor asks for the jobs due now (DUEDATE_ is null or DUEDATE_ <= now, with retries left and
-- no live lock), and the engine indexes none of those columns. The product's timers make about 1.2 jobs per
-- open task: at 100,000 open tasks PostgreSQL read all 120,000 jobs for each acquisition (26 ms), and the
-- cost it estimated for that read was past its JIT threshold, so it compiled the statement first (167 ms):
-- 180-300 ms of the database per acquisition. With the due date indexed it reads the entries with no due
-- date and those due (a BitmapOr of the two) and nothing else: 0.06 ms. H2 reads an OR of the two from no
-- index and keeps scanning the jobs in memory (no JIT there).
create index if not exists OB_IDX_JOB_DUEDATE on ACT_RU_JOB(DUEDATE_);
