-- migrate:up
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);
CREATE TABLE audit (happened_at TIMESTAMP NOT NULL, what VARCHAR(200) NOT NULL);

-- migrate:down
DROP TABLE audit;
ALTER TABLE orders DROP CONSTRAINT fk_orders_customer;
