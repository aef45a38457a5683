-- Offer releases (offerRelease): the marketing content an ISV gives, the SKU versions it releases,
-- and the catalogue entry that moves from staging to live. Portable SQL: runs on H2 and PostgreSQL.

create table offer_release (
  id                  varchar(36)   primary key,
  offer_ref           varchar(36)   not null references offer (id),
  -- the offer while this release is open, null once it ended: one open release per offer
  open_offer_ref      varchar(36)   unique references offer (id),
  publisher_id        varchar(32)   not null references publisher (id),
  process_instance_id varchar(64),
  state               varchar(30)   not null,
  title_zh            varchar(100)  not null,
  title_en            varchar(100)  not null,
  summary_zh          varchar(200)  not null,
  summary_en          varchar(200)  not null,
  description_zh      varchar(4000) not null,
  description_en      varchar(4000) not null,
  trial_days          integer,
  review_comment      varchar(2000),
  preferred_window    varchar(200),
  staging_url         varchar(500),
  release_at          timestamp,
  started_by          varchar(64),
  reviewed_by         varchar(64),
  scheduled_by        varchar(64),
  released_by         varchar(64),
  created_at          timestamp     not null,
  updated_at          timestamp     not null,
  reviewed_at         timestamp,
  staged_at           timestamp,
  released_at         timestamp,
  closed_at           timestamp
);

create index offer_release_publisher_idx on offer_release (publisher_id);
create index offer_release_state_idx on offer_release (state);

-- what a release puts on sale: one certified image version per SKU of the offer, with the SKU's
-- summary and pricing model as they were when the release started
create table offer_release_sku (
  release_id              varchar(36)  not null references offer_release (id),
  sku_ref                 varchar(36)  not null references sku (id),
  image_version_ref       varchar(36)  not null references image_version (id),
  sku_id                  varchar(50)  not null,
  version                 varchar(40)  not null,
  summary                 varchar(200) not null,
  pricing_model           varchar(20)  not null,
  certification_report_id varchar(64),
  primary key (release_id, sku_ref)
);

-- SKU-4: a SKU's summary is locked from the first time its offer goes to staging
alter table sku add column summary_locked_at timestamp;
