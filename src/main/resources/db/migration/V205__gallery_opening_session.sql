-- A gallery's opening can be a session on the programme ("Opening of the exhibition"), which then links to the
-- gallery; deleting the session leaves the gallery without one.
alter table gallery add column opening_session_id bigint references conference_session (id) on delete set null;
create index gallery_opening_session on gallery (opening_session_id) where opening_session_id is not null;
