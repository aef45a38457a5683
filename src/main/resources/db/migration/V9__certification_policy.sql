-- Certification policies as versioned data (certification/policies/*.yaml): the policy each
-- submission is certified against, and the policy every report and finding was judged by.
-- Portable SQL: runs on H2 and PostgreSQL.

-- Chosen by onboarding.certification.policies when the submission's certification first runs, kept for
-- every re-check; moved_by names the support user who moved the submission to another policy.
create table submission_certification_policy (
  submission_id   varchar(36)  primary key references submission (id),
  policy_id       varchar(50)  not null,
  policy_version  varchar(20)  not null,
  assigned_at     timestamp    not null,
  moved_by        varchar(100)
);

alter table certification_report add column policy_id varchar(50);
alter table certification_report add column policy_version varchar(20);
alter table certification_finding add column policy_id varchar(50);
alter table certification_finding add column policy_version varchar(20);
-- a submission's findings include those of its certification runs
alter table submission_finding add column policy_id varchar(50);
alter table submission_finding add column policy_version varchar(20);

-- Every run before this version followed the 2015 guide: its reports say so, and submissions under
-- way keep it for their re-checks until support moves them on.
update certification_report set policy_id = 'azure-china-2015', policy_version = '1';
update certification_finding set policy_id = 'azure-china-2015', policy_version = '1';
insert into submission_certification_policy (submission_id, policy_id, policy_version, assigned_at)
  select submission_id, 'azure-china-2015', '1', min(tested_at) from certification_report group by submission_id;
