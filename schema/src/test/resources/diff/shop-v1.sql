CREATE TABLE users (id ${ID}, email VARCHAR(320) NOT NULL, created_at ${TS} NOT NULL, CONSTRAINT uq_users_email UNIQUE (email));
CREATE TABLE accounts (id ${ID}, user_id BIGINT NOT NULL, name VARCHAR(100) NOT NULL,
  CONSTRAINT uq_accounts_name UNIQUE (name), CONSTRAINT fk_accounts_user FOREIGN KEY (user_id) REFERENCES users (id));
CREATE TABLE categories (id ${ID}, name VARCHAR(100) NOT NULL, parent_id BIGINT,
  CONSTRAINT fk_categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id));
CREATE TABLE products (id ${ID}, name VARCHAR(200) NOT NULL, price DECIMAL(10,2) NOT NULL, legacy_code VARCHAR(20),
  CONSTRAINT ck_products_price CHECK (price > 0));
CREATE INDEX idx_products_name ON products (name);
CREATE TABLE product_categories (product_id BIGINT NOT NULL, category_id BIGINT NOT NULL,
  PRIMARY KEY (product_id, category_id),
  CONSTRAINT fk_pc_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT fk_pc_category FOREIGN KEY (category_id) REFERENCES categories (id));
CREATE TABLE addresses (id ${ID}, user_id BIGINT NOT NULL, city VARCHAR(100) NOT NULL, zip VARCHAR(10) NOT NULL,
  CONSTRAINT fk_addresses_user FOREIGN KEY (user_id) REFERENCES users (id));
CREATE INDEX idx_addresses_city ON addresses (city);
CREATE TABLE orders (id ${ID}, user_id BIGINT NOT NULL, status VARCHAR(20) NOT NULL DEFAULT 'new', created_at ${TS} NOT NULL,
  CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id));
CREATE TABLE order_items (id ${ID}, order_id BIGINT NOT NULL, product_id BIGINT NOT NULL, quantity INT NOT NULL,
  CONSTRAINT fk_items_order FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT fk_items_product FOREIGN KEY (product_id) REFERENCES products (id));
CREATE TABLE payments (id ${ID}, order_id BIGINT NOT NULL, amount DECIMAL(12,2),
  CONSTRAINT fk_payments_order FOREIGN KEY (order_id) REFERENCES orders (id));
CREATE TABLE shipments (id ${ID}, order_id BIGINT NOT NULL, address_id BIGINT NOT NULL,
  CONSTRAINT fk_shipments_order FOREIGN KEY (order_id) REFERENCES orders (id));
CREATE TABLE reviews (id ${ID}, user_id BIGINT NOT NULL, product_id BIGINT NOT NULL, rating INT NOT NULL DEFAULT 5,
  CONSTRAINT fk_reviews_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_reviews_product FOREIGN KEY (product_id) REFERENCES products (id));
CREATE TABLE coupons (id ${ID}, code VARCHAR(40) NOT NULL, percent INT NOT NULL);
CREATE TABLE inventory (product_id BIGINT NOT NULL PRIMARY KEY, quantity INT NOT NULL,
  CONSTRAINT fk_inventory_product FOREIGN KEY (product_id) REFERENCES products (id));
CREATE TABLE audit_log (id BIGINT NOT NULL, happened_at ${TS} NOT NULL, what VARCHAR(200) NOT NULL);
CREATE TABLE sessions (id ${ID}, user_id BIGINT NOT NULL, token VARCHAR(64) NOT NULL,
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id));
