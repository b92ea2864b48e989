-- An account's lines in a room, by time: the writer's per-account count (V90's (room, author) index, replaced here:
-- this one serves it by its prefix) and slow mode's "when did this account last post here" across nodes (live/Chat),
-- which becomes one probe at the end of the account's range instead of a read of all its lines in the room.
drop index live_chat_author;
create index live_chat_room_author on live_chat (room, author, created_at);
