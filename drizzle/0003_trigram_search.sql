-- Text search in CI names and external ids ("contains", any case) through trigram indexes.
-- pg_trgm ships with PostgreSQL's contrib modules and is a trusted extension: a database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
