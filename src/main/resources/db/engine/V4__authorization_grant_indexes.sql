-- A task list checks each task against the caller's grants on single tasks: staff groups are granted
-- every task they are candidates for, tens of thousands of rows. The engine's unique indexes find those
-- rows but not their permissions, so the database read every grant row to check them. With the
-- permissions in the index, the user's and the groups' grants are read from these indexes alone.
create index if not exists OB_IDX_AUTH_USER_GRANTS on ACT_RU_AUTHORIZATION(TYPE_, USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_);
create index if not exists OB_IDX_AUTH_GROUP_GRANTS on ACT_RU_AUTHORIZATION(TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_);
