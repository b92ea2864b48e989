-- Track and room names are unique per event ignoring case (schedule/Names checks it under the event's row lock).
-- The database now holds the same rule, so a write that bypasses the lock cannot add "main" beside "Main", and the
-- check's lookup by lower(name) is served by an index instead of scanning the event's rows.
create unique index track_event_lower_name on track (event_id, lower(name));
create unique index room_event_lower_name on room (event_id, lower(name));
