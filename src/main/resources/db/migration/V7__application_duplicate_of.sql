-- A second application for a company with an open one is received like any other (the applicant learns
-- nothing about the first) and marked for the reviewer as a possible duplicate of the open one; only the
-- first holds open_credit_code.
alter table application add column duplicate_of varchar(36);
