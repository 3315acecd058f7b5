CREATE TABLE owner (
    id BIGINT PRIMARY KEY,
    email VARCHAR(200) NOT NULL
);
ALTER TABLE pet ADD COLUMN owner_id BIGINT;
ALTER TABLE pet ADD CONSTRAINT pet_owner_fk FOREIGN KEY (owner_id) REFERENCES owner (id);
CREATE INDEX pet_owner_idx ON pet (owner_id);
