CREATE TABLE audit_log (
    happened_at TIMESTAMP NOT NULL,
    message VARCHAR(400)
);
