CREATE TABLE customers (id ${ID}, email VARCHAR(320) NOT NULL, status VARCHAR(20) NOT NULL,
  created_at ${TS} NOT NULL, updated_at ${TS} NOT NULL, CONSTRAINT uq_customers_email UNIQUE (email));
CREATE INDEX idx_customers_status ON customers (status);
CREATE TABLE invoices (id ${ID}, customer_id BIGINT NOT NULL, amount DECIMAL(19,4) NOT NULL, ref_code VARCHAR(40) NOT NULL,
  created_at ${TS} NOT NULL, updated_at ${TS} NOT NULL, CONSTRAINT uq_invoices_ref_code UNIQUE (ref_code) ${FK_INVOICES});
CREATE INDEX idx_invoices_customer_id ON invoices (customer_id);
CREATE TABLE line_items (id ${ID}, invoice_id BIGINT NOT NULL, created_at ${TS} NOT NULL, updated_at ${TS} NOT NULL ${FK_ITEMS});
CREATE INDEX idx_line_items_invoice_id ON line_items (invoice_id);
${ALTER_FKS}
