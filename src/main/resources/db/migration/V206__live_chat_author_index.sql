-- Slow mode across nodes asks when an account last posted in a room (live/Chat): one index range per line, not a
-- scan of the room's whole chat.
create index live_chat_room_author on live_chat (room, author, created_at);
