-- Start-up work that the nodes of a cluster take turns at: a node locks its row
-- (select ... for update) for the length of one transaction; the next node waits, then finds the
-- work done. Portable SQL: runs on H2 and PostgreSQL.
create table cluster_lock (
  name varchar(60) primary key
);

insert into cluster_lock (name) values ('engine-setup');
