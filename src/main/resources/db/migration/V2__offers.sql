-- Image submissions and what they become once their VHDs are accepted: offers, SKUs, image versions.
-- Portable SQL: runs on H2 and PostgreSQL. SAS URIs and VM credentials are stored only encrypted
-- (AES-GCM, columns *_enc, base64); nothing here holds a secret in clear.

create table submission (
  id                    varchar(36)  primary key,
  publisher_id          varchar(32)  not null references publisher (id),
  process_instance_id   varchar(64),
  status                varchar(20)  not null,
  offer_id              varchar(50),
  offer_name            varchar(100),
  sku_id                varchar(50),
  sku_summary           varchar(200),
  pricing_model         varchar(20),
  trial_days            integer,
  os_family             varchar(10),
  os_name               varchar(100),
  vm_sizes              varchar(200),
  version               varchar(40),
  os_vhd_uri_enc        varchar(4000),
  data_disk_uris_enc    varchar(20000),
  windows_results_uri_enc varchar(4000),
  vm_host               varchar(253),
  vm_port               integer,
  vm_user               varchar(64),
  vm_password_enc       varchar(1000),
  vm_private_key_enc    varchar(20000),
  review_comment        varchar(2000),
  created_at            timestamp    not null,
  updated_at            timestamp    not null,
  checked_at            timestamp
);

create index submission_publisher_idx on submission (publisher_id);
create index submission_sku_idx on submission (publisher_id, sku_id);

-- the findings of a submission's last check, passes included
create table submission_finding (
  submission_id varchar(36)  not null references submission (id),
  position      integer      not null,
  rule_id       varchar(20)  not null,
  result        varchar(10)  not null,
  subject       varchar(40)  not null,
  message_key   varchar(100) not null,
  -- the message's arguments as a JSON array
  args          varchar(4000) not null,
  evidence      varchar(1000),
  primary key (submission_id, position)
);

create table offer (
  id           varchar(36)  primary key,
  publisher_id varchar(32)  not null references publisher (id),
  offer_id     varchar(50)  not null,
  name         varchar(100) not null,
  created_at   timestamp    not null,
  updated_at   timestamp    not null,
  constraint offer_publisher_offer_uk unique (publisher_id, offer_id)
);

-- SKU-3: a SKU identifier is unique within its publisher, across all of its offers
create table sku (
  id            varchar(36)  primary key,
  offer_ref     varchar(36)  not null references offer (id),
  publisher_id  varchar(32)  not null references publisher (id),
  sku_id        varchar(50)  not null,
  summary       varchar(200) not null,
  pricing_model varchar(20)  not null,
  trial_days    integer,
  os_family     varchar(10)  not null,
  created_at    timestamp    not null,
  updated_at    timestamp    not null,
  constraint sku_publisher_sku_uk unique (publisher_id, sku_id)
);

create table image_version (
  id            varchar(36) primary key,
  sku_ref       varchar(36) not null references sku (id),
  version       varchar(40) not null,
  submission_id varchar(36) not null unique references submission (id),
  status        varchar(20) not null,
  created_at    timestamp   not null,
  constraint image_version_sku_version_uk unique (sku_ref, version)
);
