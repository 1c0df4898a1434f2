-- The run journal's group-commit statement is the serial section of the server; every audit row paid a btree entry
-- in the unique index on audits.hash (a random 64-character hex string: a random leaf page per row). Nothing looks a
-- row up by its hash (the chain is read and verified in id order: PostgresAuditLog, AuditVerifier, ChainChecker), and
-- the uniqueness protected nothing the chain needs: the chain cannot fork because prev_hash stays UNIQUE (two rows
-- can never follow the same predecessor), and a hash covers its predecessor's, so equal hashes would need equal
-- predecessors, which that constraint already excludes.
ALTER TABLE audits DROP CONSTRAINT IF EXISTS audits_hash_key;
