-- A customer found by external id (an exchange recognising the same person created on two
-- laptops, or writing a received external id) without reading every customer: after a
-- 100,000-row import the exchange looked each new customer up by it.
CREATE INDEX customers_external_id ON customers(external_id) WHERE external_id IS NOT NULL;
