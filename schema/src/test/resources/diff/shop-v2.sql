CREATE TABLE users (id ${ID}, email VARCHAR(320) NOT NULL, created_at ${TS} NOT NULL, display_name VARCHAR(80),
  CONSTRAINT uq_users_email UNIQUE (email));
CREATE TABLE accounts (id ${ID}, user_id BIGINT NOT NULL, name VARCHAR(100) NOT NULL,
  CONSTRAINT fk_accounts_user FOREIGN KEY (user_id) REFERENCES users (id));
CREATE TABLE categories (id ${ID}, name VARCHAR(100) NOT NULL, parent_id BIGINT,
  CONSTRAINT fk_categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id));
CREATE TABLE products (id ${ID}, name VARCHAR(200) NOT NULL, price DECIMAL(10,2) NOT NULL);
CREATE TABLE product_categories (product_id BIGINT NOT NULL, category_id BIGINT NOT NULL,
  PRIMARY KEY (product_id, category_id),
  CONSTRAINT fk_pc_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT fk_pc_category FOREIGN KEY (category_id) REFERENCES categories (id));
CREATE TABLE addresses (id ${ID}, user_id BIGINT NOT NULL, city VARCHAR(100) NOT NULL, zip VARCHAR(10) NOT NULL,
  CONSTRAINT fk_addresses_user FOREIGN KEY (user_id) REFERENCES users (id));
CREATE INDEX idx_addresses_city ON addresses (city, zip);
CREATE TABLE orders (id ${ID}, user_id BIGINT NOT NULL, status VARCHAR(40) NOT NULL DEFAULT 'new', created_at ${TS} NOT NULL,
  CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id));
CREATE INDEX idx_orders_created_at ON orders (created_at);
CREATE TABLE order_items (id ${ID}, order_id BIGINT NOT NULL, product_id BIGINT NOT NULL, quantity INT NOT NULL,
  CONSTRAINT fk_items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT fk_items_product FOREIGN KEY (product_id) REFERENCES products (id));
CREATE TABLE payments (id ${ID}, order_id BIGINT NOT NULL, amount DECIMAL(12,2) NOT NULL,
  CONSTRAINT fk_payments_order FOREIGN KEY (order_id) REFERENCES orders (id));
CREATE TABLE shipments (id ${ID}, order_id BIGINT NOT NULL, address_id BIGINT NOT NULL,
  CONSTRAINT fk_shipments_order FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT fk_shipments_address FOREIGN KEY (address_id) REFERENCES addresses (id));
CREATE TABLE reviews (id ${ID}, user_id BIGINT NOT NULL, product_id BIGINT NOT NULL, rating INT NOT NULL DEFAULT 3,
  CONSTRAINT fk_reviews_product FOREIGN KEY (product_id) REFERENCES products (id));
CREATE TABLE coupons (id ${ID}, code VARCHAR(40) NOT NULL, percent INT NOT NULL, CONSTRAINT uq_coupons_code UNIQUE (code));
CREATE TABLE inventory (product_id BIGINT NOT NULL PRIMARY KEY, quantity INT NOT NULL,
  CONSTRAINT fk_inventory_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT ck_inventory_quantity CHECK (quantity >= 0));
CREATE TABLE audit_log (id BIGINT NOT NULL PRIMARY KEY, happened_at ${TS} NOT NULL, what VARCHAR(200) NOT NULL);
CREATE TABLE wishlists (user_id BIGINT NOT NULL, product_id BIGINT NOT NULL, PRIMARY KEY (user_id, product_id),
  CONSTRAINT fk_wishlists_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_wishlists_product FOREIGN KEY (product_id) REFERENCES products (id));
