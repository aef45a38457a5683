-- The earliest expiry among a submission's SAS URIs, read from them when they are checked: the expiry
-- reminder tells it without decrypting and parsing the URIs again. Gone with the URIs once the image is live.
alter table submission add column sas_expires_at timestamp;
