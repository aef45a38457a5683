-- Applications, amend links, publishers and the mail ledger of the onboarding process.
-- Portable SQL: runs on H2 and PostgreSQL.

create table application (
  id                  varchar(36)  primary key,
  company_name        varchar(200) not null,
  credit_code         varchar(18)  not null,
  -- the credit code while the application is open or approved, null once it ends otherwise:
  -- the unique constraint refuses a second open application for the same company
  open_credit_code    varchar(18)  unique,
  registered_region   varchar(8)   not null,
  registered_address  varchar(300) not null,
  contact_name        varchar(100) not null,
  contact_email       varchar(254) not null,
  contact_phone       varchar(30)  not null,
  product_type        varchar(20)  not null,
  language            varchar(5)   not null,
  status              varchar(20)  not null,
  process_instance_id varchar(64),
  created_at          timestamp    not null,
  updated_at          timestamp    not null
);

create index application_credit_code_idx on application (credit_code);

create table amend_link (
  token_hash     varchar(64) primary key,
  application_id varchar(36) not null references application (id),
  expires_at     timestamp   not null,
  used_at        timestamp
);

create table publisher (
  id              varchar(32)  primary key,
  application_id  varchar(36)  not null unique references application (id),
  company_name    varchar(200) not null,
  contact_email   varchar(254) not null,
  language        varchar(5)   not null,
  status          varchar(20)  not null,
  credential_type varchar(20),
  credential      varchar(64),
  created_at      timestamp    not null,
  activated_at    timestamp
);

-- one row per mail sent: a retried job finds its key here and sends nothing twice
create table sent_mail (
  idempotency_key varchar(200) primary key,
  template        varchar(60)  not null,
  recipients      integer      not null,
  sent_at         timestamp    not null
);
