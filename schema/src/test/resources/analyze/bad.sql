CREATE TABLE customer (id ${ID}, ${Q}Email${Q} VARCHAR(100), status VARCHAR(20), created_at ${TSNOTZ} NOT NULL);
CREATE TABLE invoices (id ${ID}, buyer BIGINT, amount DOUBLE PRECISION NOT NULL, ref_code TEXT NOT NULL,
  created_at ${TS} NOT NULL, updated_at ${TS} NOT NULL,
  CONSTRAINT fk_invoices_customer FOREIGN KEY (buyer) REFERENCES customer (id));
CREATE UNIQUE INDEX uq_invoices_ref_code ON invoices (${REFKEY});
CREATE TABLE events (name VARCHAR(50), happened_at ${TS});
CREATE INDEX events_name ON events (name);
CREATE INDEX idx_events_name ON events (name);
CREATE INDEX idx_events_name_happened_at ON events (name, happened_at);
CREATE TABLE tags (code VARCHAR(40) NOT NULL PRIMARY KEY, created_at ${TS} NOT NULL, updated_at ${TS} NOT NULL);
CREATE TABLE tag_links (id ${ID}, tag_code VARCHAR(20) NOT NULL, created_at ${TS} NOT NULL, updated_at ${TS} NOT NULL ${FK_TAG});
CREATE INDEX idx_tag_links_tag_code ON tag_links (tag_code);
${ALTER_TAG}
