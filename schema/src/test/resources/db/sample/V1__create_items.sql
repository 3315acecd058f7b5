-- migrate:up
CREATE TABLE items (id INT PRIMARY KEY);

-- migrate:down
DROP TABLE items;
