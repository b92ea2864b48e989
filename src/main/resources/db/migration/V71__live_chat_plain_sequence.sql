-- Chat ids come from Hibernate's pooled optimizer (50 at a time). Make their sequence an ordinary one instead of the
-- identity column's hidden sequence, so that Hibernate's schema validation (dev mode) recognises it.
-- Dropping the identity drops its sequence; the new one continues after the highest id in use.
alter table live_chat alter column id drop identity if exists;
create sequence live_chat_id_seq increment by 50 owned by live_chat.id;
select setval('live_chat_id_seq', greatest(coalesce((select max(id) from live_chat), 0), 1), true);
alter table live_chat alter column id set default nextval('live_chat_id_seq');
