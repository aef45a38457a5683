-- IMG-TYPE-1: a SKU declares its VM generation (gen1, gen2) and architecture (x64, arm64); a
-- submission carries them until its SKU is accepted. Every image before them was x64 gen1.
-- Portable SQL: runs on H2 and PostgreSQL.

alter table submission add column generation varchar(10) default 'gen1' not null;
alter table submission add column architecture varchar(10) default 'x64' not null;

alter table sku add column generation varchar(10) default 'gen1' not null;
alter table sku add column architecture varchar(10) default 'x64' not null;
