-- 0002: the case register — table settings, phenomena, partners, participants, referrals, triage,
-- cases, the separately encrypted identities, an append-only audit log and a search index.

ALTER TABLE case_table ADD COLUMN case_prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE case_table ADD COLUMN modalities TEXT NOT NULL DEFAULT '';
ALTER TABLE case_table ADD COLUMN admission_criteria TEXT NOT NULL DEFAULT '[]'; -- JSON array of text
ALTER TABLE case_table ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 24;
ALTER TABLE case_table ADD COLUMN cadence_weeks INTEGER;
-- Tables made before this version get a provisional prefix the chair can change.
UPDATE case_table SET case_prefix = 'T' || rowid WHERE case_prefix = '';
CREATE UNIQUE INDEX case_table_prefix ON case_table(case_prefix);

CREATE TABLE phenomenon (
    id       TEXT PRIMARY KEY,
    key      TEXT UNIQUE,          -- set for the built-in phenomena (translated by key)
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    retired  INTEGER NOT NULL DEFAULT 0
) STRICT;

WITH builtin(key, name) AS (VALUES
    ('radicalisation', 'Radicalisering, extremisme en polarisatie'),
    ('youth_crime', 'Jeugdcriminaliteit'),
    ('intrafamily_violence', 'Intrafamiliaal geweld'),
    ('mental_health', 'Psychische problematiek'),
    ('drug_nuisance', 'Drugsoverlast'),
    ('subversion', 'Ondermijning'),
    ('human_trafficking', 'Mensenhandel'),
    ('school_dropout', 'Vroegtijdig schoolverlaten')
), ids AS (SELECT key, name, lower(hex(randomblob(16))) AS h FROM builtin)
INSERT INTO phenomenon (id, key, name, name_key)
SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a' || substr(h, 18, 3)
       || '-' || substr(h, 21, 12),
       key, name, lower(name)
FROM ids;

CREATE TABLE table_phenomenon (
    table_id      TEXT NOT NULL REFERENCES case_table(id) ON DELETE CASCADE,
    phenomenon_id TEXT NOT NULL REFERENCES phenomenon(id),
    PRIMARY KEY (table_id, phenomenon_id)
) STRICT;

CREATE TABLE organisation (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    name_key         TEXT NOT NULL UNIQUE,
    category         TEXT NOT NULL,
    bound_by_secrecy INTEGER NOT NULL
) STRICT;

CREATE TABLE participant (
    id                 TEXT PRIMARY KEY,
    table_id           TEXT NOT NULL REFERENCES case_table(id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    organisation_id    TEXT NOT NULL REFERENCES organisation(id),
    role               TEXT NOT NULL,
    protocol_signed_on TEXT,
    protocol_version   TEXT,
    active_from        TEXT NOT NULL,
    active_to          TEXT
) STRICT;
CREATE INDEX participant_by_table ON participant(table_id);

CREATE TABLE referral (
    id                  TEXT PRIMARY KEY,
    table_id            TEXT NOT NULL REFERENCES case_table(id) ON DELETE CASCADE,
    status              TEXT NOT NULL,
    anonymous           INTEGER NOT NULL,
    referrer_id         TEXT NOT NULL REFERENCES organisation(id),
    concern             TEXT NOT NULL,
    question            TEXT NOT NULL,
    tried               TEXT NOT NULL,
    urgency             TEXT NOT NULL,
    person_informed     INTEGER NOT NULL,
    not_informed_reason TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    triage              TEXT,            -- JSON of the triage decision
    case_id             TEXT
) STRICT;
CREATE INDEX referral_by_table ON referral(table_id, status);

CREATE TABLE referral_phenomenon (
    referral_id   TEXT NOT NULL REFERENCES referral(id) ON DELETE CASCADE,
    phenomenon_id TEXT NOT NULL REFERENCES phenomenon(id),
    PRIMARY KEY (referral_id, phenomenon_id)
) STRICT;

CREATE TABLE case_file (
    id                TEXT PRIMARY KEY,
    table_id          TEXT NOT NULL REFERENCES case_table(id) ON DELETE CASCADE,
    referral_id       TEXT NOT NULL UNIQUE REFERENCES referral(id),
    code              TEXT NOT NULL UNIQUE,
    year              INTEGER NOT NULL,
    seq               INTEGER NOT NULL,
    status            TEXT NOT NULL,
    risk              TEXT,
    track             TEXT,
    casusregisseur_id TEXT REFERENCES participant(id),
    next_review       TEXT,
    opened_on         TEXT NOT NULL,
    closure           TEXT,             -- JSON of the closure
    UNIQUE (table_id, year, seq)
) STRICT;
CREATE INDEX case_by_table ON case_file(table_id, status);
CREATE INDEX case_by_review ON case_file(next_review);

CREATE TABLE case_phenomenon (
    case_id       TEXT NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
    phenomenon_id TEXT NOT NULL REFERENCES phenomenon(id),
    PRIMARY KEY (case_id, phenomenon_id)
) STRICT;
CREATE INDEX case_phenomenon_by_phenomenon ON case_phenomenon(phenomenon_id);

CREATE TABLE case_partner (
    case_id         TEXT NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisation(id),
    PRIMARY KEY (case_id, organisation_id)
) STRICT;
CREATE INDEX case_partner_by_org ON case_partner(organisation_id);

-- An ad hoc participant sees only the cases listed here.
CREATE TABLE participant_case (
    participant_id TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
    case_id        TEXT NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
    PRIMARY KEY (participant_id, case_id)
) STRICT;

CREATE TABLE case_event (
    id      INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
    at      TEXT NOT NULL,
    by      TEXT NOT NULL,
    event   TEXT NOT NULL               -- JSON of the event kind
) STRICT;
CREATE INDEX case_event_by_case ON case_event(case_id, id);

-- The per-case key and the identity it encrypts. Destroying the key row destroys the identity.
CREATE TABLE case_key (
    case_id TEXT PRIMARY KEY REFERENCES case_file(id) ON DELETE CASCADE,
    key     BLOB NOT NULL
) STRICT;
CREATE TABLE case_identity (
    case_id    TEXT PRIMARY KEY REFERENCES case_file(id) ON DELETE CASCADE,
    nonce      BLOB NOT NULL,
    ciphertext BLOB NOT NULL
) STRICT;

-- Who did what, append-only and hash-chained: each row's hash covers the previous row's hash.
CREATE TABLE audit_event (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    prev_hash BLOB NOT NULL,
    hash      BLOB NOT NULL
) STRICT;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Settings kept inside the encrypted database (e.g. the owner's name).
CREATE TABLE profile_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Free-text search over cases: code, phenomena, partners, referral text. Never the identity.
CREATE VIRTUAL TABLE case_search USING fts5(
    case_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
