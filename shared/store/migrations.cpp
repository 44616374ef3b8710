#include "migrations.h"

#include "core/logging.h"
#include "database.h"

namespace chevet {

namespace {

// Plaintext columns hold only what is needed to find and order rows: ids, codes, times, states.
// Everything identifying or clinical is in `sealed` (AES-256-GCM).
const char *const kSchemaV1 = R"sql(
-- WITHOUT ROWID: one b-tree, so reading or moving the audit head (every write) is one look-up.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE records (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    type           TEXT NOT NULL,
    patient_id     TEXT,
    version        INTEGER NOT NULL,
    status         TEXT NOT NULL,
    effective_ms   INTEGER,
    entered_ms     INTEGER NOT NULL,
    hlc            INTEGER NOT NULL,
    author         TEXT NOT NULL,
    ref_id         TEXT,
    slot_ms        INTEGER,
    server_id      TEXT,
    server_version TEXT,
    server_ms      INTEGER,
    sealed         BLOB NOT NULL
);
CREATE INDEX records_by_patient ON records(patient_id, type, effective_ms);
-- Only administrations are looked up by their prescription; an observation's panel is not looked up,
-- and indexing it would cost every vitals write a page.
CREATE INDEX records_by_ref ON records(ref_id, slot_ms) WHERE type = 'administration';
CREATE INDEX records_by_server_id ON records(type, server_id) WHERE server_id IS NOT NULL;

-- Earlier versions of amended records: a correction never loses what was there before.
CREATE TABLE record_history (
    record_id   TEXT NOT NULL,
    version     INTEGER NOT NULL,
    status      TEXT NOT NULL,
    hlc         INTEGER NOT NULL,
    author      TEXT NOT NULL,
    sealed      BLOB NOT NULL,
    PRIMARY KEY (record_id, version)
);

-- Blind indexes: keyed hashes of identifiers (IPP, INS), never the identifiers themselves.
CREATE TABLE lookup (
    hash      BLOB PRIMARY KEY,
    record_id TEXT NOT NULL
) WITHOUT ROWID;

-- Outbox rows are never deleted, so a plain rowid key already grows monotonically: AUTOINCREMENT would
-- only add a write of sqlite_sequence to every transaction.
CREATE TABLE outbox (
    seq         INTEGER PRIMARY KEY,
    record_id   TEXT NOT NULL,
    record_type TEXT NOT NULL,
    version     INTEGER NOT NULL,
    operation   TEXT NOT NULL,
    priority    INTEGER NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending',
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    created_hlc INTEGER NOT NULL,
    updated_ms  INTEGER
);
CREATE INDEX outbox_by_state ON outbox(state, priority, seq);
CREATE INDEX outbox_by_record ON outbox(record_id);

CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY,
    at_ms       INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    author      TEXT NOT NULL,
    device      TEXT NOT NULL,
    action      TEXT NOT NULL,
    record_type TEXT,
    record_id   TEXT,
    version     INTEGER,
    detail      TEXT,
    prev_hash   BLOB NOT NULL,
    hash        BLOB NOT NULL
);
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER clinical_records_are_never_deleted BEFORE DELETE ON records
WHEN OLD.type IN ('observation', 'note', 'administration')
BEGIN SELECT RAISE(ABORT, 'clinical records are append-only'); END;
)sql";

// Sync: conflicts parked for a person (or for the clinical rules), and checkpoints in meta.
const char *const kSchemaV2 = R"sql(
CREATE TABLE conflicts (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    record_id   TEXT NOT NULL,
    record_type TEXT NOT NULL,
    patient_id  TEXT,
    rule        TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'open',
    local_version INTEGER,
    created_ms  INTEGER NOT NULL,
    resolved_ms INTEGER,
    resolved_by TEXT,
    sealed      BLOB NOT NULL
);
CREATE INDEX conflicts_open ON conflicts(state, seq);
CREATE INDEX conflicts_by_record ON conflicts(record_id);

CREATE TABLE alerts (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    patient_id      TEXT,
    dedupe_key      TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL DEFAULT 'open',
    raised_ms       INTEGER NOT NULL,
    acknowledged_by TEXT,
    acknowledged_ms INTEGER,
    sealed          BLOB NOT NULL
) WITHOUT ROWID;
)sql";

// Lifetime erasure (LifetimePurge): a delivered patient's records may be deleted, but only while the
// patient is listed in `erasing` inside the erasing transaction; any other delete of a clinical record
// is still refused.
const char *const kSchemaV3 = R"sql(
CREATE TABLE erasing (
    patient_id TEXT PRIMARY KEY
) WITHOUT ROWID;
DROP TRIGGER clinical_records_are_never_deleted;
CREATE TRIGGER clinical_records_are_never_deleted BEFORE DELETE ON records
WHEN OLD.type IN ('observation', 'note', 'administration')
     AND NOT EXISTS (SELECT 1 FROM erasing WHERE patient_id = OLD.patient_id)
BEGIN SELECT RAISE(ABORT, 'clinical records are append-only'); END;
)sql";

// Sync against real DPIs: the DPI's last full JSON of each record it holds (sealed), so an update changes
// only what the nurse changed and never erases what the DPI owns, and it is the base of a three-way merge;
// and per patient, when its full pull (every type) last completed, so an admission whose first pull fails
// is pulled in full again on the next run.
const char *const kSchemaV4 = R"sql(
CREATE TABLE dpi_copies (
    record_id      TEXT PRIMARY KEY,
    patient_id     TEXT,
    server_version TEXT NOT NULL,
    sealed         BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX dpi_copies_by_patient ON dpi_copies(patient_id);
CREATE TABLE full_pulls (
    patient_id TEXT PRIMARY KEY,
    done_ms    INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// The DPI's copies move to a rowid table: a sealed resource (about 1.2 KB) is larger than what a
// WITHOUT ROWID b-tree keeps in a page, so every copy spilled to an overflow page and every insert at a
// random key moved them around (a quarter of a first pull's engine work, issue "weak links" item 3).
const char *const kSchemaV6 = R"sql(
CREATE TABLE dpi_copies_rowid (
    record_id      TEXT NOT NULL UNIQUE,
    patient_id     TEXT,
    server_version TEXT NOT NULL,
    sealed         BLOB NOT NULL
);
INSERT INTO dpi_copies_rowid (record_id, patient_id, server_version, sealed)
    SELECT record_id, patient_id, server_version, sealed FROM dpi_copies;
DROP TABLE dpi_copies;
ALTER TABLE dpi_copies_rowid RENAME TO dpi_copies;
CREATE INDEX dpi_copies_by_patient ON dpi_copies(patient_id);
)sql";

// Outbox entries get a seal binding their columns (security review F1); rows written before are sealed at
// the first unlock (Outbox::migrateSeals), when the key is known.
const char *const kSchemaV7 = R"sql(
ALTER TABLE outbox ADD COLUMN seal BLOB;
)sql";

Status execScript(Database &db, const char *sql)
{
    return db.exec(QString::fromUtf8(sql));
}

} // namespace

const QList<Migration> &schemaMigrations()
{
    static const QList<Migration> migrations = {
        {1, QStringLiteral("initial schema"), [](Database &db) { return execScript(db, kSchemaV1); }},
        {2, QStringLiteral("sync conflicts and clinical alerts"),
         [](Database &db) { return execScript(db, kSchemaV2); }},
        {3, QStringLiteral("lifetime erasure of delivered patients"),
         [](Database &db) { return execScript(db, kSchemaV3); }},
        {4, QStringLiteral("the DPI's copy of each record and per-patient full pulls"),
         [](Database &db) { return execScript(db, kSchemaV4); }},
        // No table changes: records are sealed with their clear columns from now on (decision 55), which
        // builds before cannot read; the version makes them refuse the store ("newer-schema") instead of
        // writing rows sealed the old way into it. The rows are re-sealed after unlocking.
        {5, QStringLiteral("records sealed with their clear columns"), [](Database &) { return Status(); }},
        {6, QStringLiteral("the DPI's copies in a rowid table"),
         [](Database &db) { return execScript(db, kSchemaV6); }},
        // Also: records sealed with the DPI's id and version too (re-sealed after unlocking, meta
        // record_aad).
        {7, QStringLiteral("sealed outbox entries"), [](Database &db) { return execScript(db, kSchemaV7); }},
    };
    return migrations;
}

int currentSchemaVersion()
{
    return schemaMigrations().constLast().toVersion;
}

Status migrate(Database &db, const QList<Migration> &migrations)
{
    Result<qint64> version = db.pragmaInt("user_version");
    if (!version)
        return version.error();
    const int latest = migrations.isEmpty() ? 0 : migrations.constLast().toVersion;
    if (*version > latest)
        return makeError(
            StoreError::NewerSchema,
            QStringLiteral("the store was written by a newer Chevet (schema %1, this build knows %2); "
                           "update the app instead of opening it")
                .arg(*version)
                .arg(latest));
    for (const Migration &step : migrations) {
        if (step.toVersion <= *version)
            continue;
        Transaction tx(db);
        if (Status s = tx.begin(); !s)
            return s;
        Status applied = step.apply(db);
        if (applied)
            applied = db.exec(QStringLiteral("PRAGMA user_version = %1").arg(step.toVersion));
        if (!applied) {
            qCCritical(lcStoreMigration)
                << "migration to schema" << step.toVersion << "failed; store left unchanged";
            return makeError(StoreError::MigrationFailed,
                             QStringLiteral("could not upgrade the store to schema %1 (%2): %3. "
                                            "Nothing was changed; keep this file and contact IT.")
                                 .arg(step.toVersion)
                                 .arg(step.description, applied.error().message));
        }
        if (Status s = tx.commit(); !s)
            return s;
        qCInfo(lcStoreMigration) << "store upgraded to schema" << step.toVersion;
    }
    return {};
}

} // namespace chevet
