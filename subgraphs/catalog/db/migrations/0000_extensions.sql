-- Trigram matching for ProductFilter.search (substring search on name and description).
-- pg_trgm is a trusted extension: a database owner may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
