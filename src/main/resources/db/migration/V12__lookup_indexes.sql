-- Every step of a process finds its application, submission or release by its process instance
-- (never by a variable), an activation looks for the publishers its credential activated already
-- (ACT-5), a release step for the offer's other releases, an amend for the application's links:
-- without these indexes each of them read the whole table. PostgreSQL, unlike H2, does not index a
-- foreign key by itself. Portable SQL: runs on H2 and PostgreSQL.
create index application_process_instance_idx on application (process_instance_id);
create index submission_process_instance_idx on submission (process_instance_id);
create index offer_release_process_instance_idx on offer_release (process_instance_id);
create index offer_release_offer_idx on offer_release (offer_ref);
create index publisher_credential_idx on publisher (credential);
create index amend_link_application_idx on amend_link (application_id);
