/** DocuSnap-Backend's DDL (app.py), so fixtures and demo files are what the backend itself writes. */
export const BACKEND_TABLE_SQL = `CREATE TABLE IF NOT EXISTS tasks (
    client_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    result TEXT,
    error_detail TEXT,
    created_at TEXT,
    last_accessed TEXT,
    PRIMARY KEY (client_id, sha256, type)
)`

export const BACKEND_INDEX_SQL = 'CREATE INDEX IF NOT EXISTS idx_client_sha ON tasks (client_id, sha256)'
