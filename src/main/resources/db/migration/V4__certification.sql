-- Certification of a submission's VM (CERT-1..5): the host key trusted on first use, and one report per
-- certification run, completed by the questionnaire. Portable SQL: runs on H2 and PostgreSQL.
-- (V3 belongs to the security changes.)

-- SHA256:... of the host key the VM showed on the first run of this submission; a later run that is
-- shown another key fails CERT-2. Forgotten when the ISV points the submission at another host or port.
alter table submission add column vm_host_key varchar(100);

create table certification_report (
  id                    varchar(36)  primary key,
  submission_id         varchar(36)  not null references submission (id),
  publisher_id          varchar(32)  not null references publisher (id),
  -- FAILED (a test failed), QUESTIONNAIRE (tests passed, waiting for the answers), CERTIFIED
  status                varchar(20)  not null,
  -- what was certified, as it was when the tests ran
  offer_id              varchar(50)  not null,
  offer_name            varchar(100),
  sku_id                varchar(50)  not null,
  version               varchar(40)  not null,
  os_family             varchar(10)  not null,
  os_name               varchar(100),
  vm_sizes              varchar(200),
  -- Linux: the distribution's PRETTY_NAME, the SSH host key and the run's cost; Windows: the tool's version
  distribution          varchar(200),
  host_key_fingerprint  varchar(100),
  host_key_first_seen   boolean,
  round_trips           integer,
  connect_millis        bigint,
  probe_millis          bigint,
  total_millis          bigint,
  windows_tool_version  varchar(100),
  tested_at             timestamp    not null,
  -- the questionnaire's answers (CERT-4) as a JSON object
  questionnaire         varchar(60000),
  answered_at           timestamp,
  certified_at          timestamp,
  -- where the report was uploaded in the product's storage account; null when none is configured
  json_blob             varchar(500),
  html_blob             varchar(500)
);

create index certification_report_submission_idx on certification_report (submission_id);

create table certification_finding (
  report_id     varchar(36)   not null references certification_report (id),
  position      integer       not null,
  rule_id       varchar(20)   not null,
  result        varchar(10)   not null,
  subject       varchar(40)   not null,
  message_key   varchar(100)  not null,
  args          varchar(4000) not null,
  evidence      varchar(1000),
  primary key (report_id, position)
);
