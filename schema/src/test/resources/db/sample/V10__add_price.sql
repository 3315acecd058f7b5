-- migrate:up
ALTER TABLE items ADD COLUMN price DECIMAL(10,2);

-- migrate:down
ALTER TABLE items DROP COLUMN price;
