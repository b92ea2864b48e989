-- Invitations by e-mail (src/docs/notifications.md): a fourth category, and the invitation's link kept on its outbox
-- row until it is sent. The link carries the single-use token (the invitation table keeps only its hash), so the row
-- forgets it once it is sent, skipped or bounced; a dead letter keeps it for the organisers' retry, until the
-- invitation expires.
alter table notification_outbox drop constraint notification_outbox_category_check;
alter table notification_outbox add constraint notification_outbox_category_check
    check (category in ('REGISTRATION', 'REMINDER', 'SCHEDULE', 'INVITATION'));
alter table notification_outbox add column secret_link varchar(1000);
