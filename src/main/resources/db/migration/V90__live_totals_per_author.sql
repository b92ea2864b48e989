-- Bounds on what one account may post in one live room (atrium.bounds.*-per-account-per-room): the writer counts an
-- author's rows in the room once per batch, up to the limit, through these indexes only.
create index live_question_author on live_question (room, author);
create index live_chat_author on live_chat (room, author);
