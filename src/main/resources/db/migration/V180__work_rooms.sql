-- A work of the exhibition has a live room (issue 16): key 'work:{id}', with reactions, presence and a guestbook that
-- is the Q&A of the room. Guestbook entries are live_question rows that belong to a work instead of a session, so
-- moderation, anonymity, the log and the exports stay one implementation; exactly one of the two owners is set.

alter table live_room add column work_id bigint references work (id) on delete cascade;

alter table live_question alter column session_id drop not null;
alter table live_question add column work_id bigint references work (id) on delete cascade;
alter table live_question add constraint live_question_one_owner check (num_nonnulls(session_id, work_id) = 1);

-- a gallery's guestbooks hold new entries for approval by the curators (a work's room may switch on its own too)
alter table gallery add column premoderation boolean not null default false;
