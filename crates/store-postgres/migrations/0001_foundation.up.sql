-- Offices, users and their credentials.
CREATE TABLE offices (
    id UUID PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    region TEXT NOT NULL
);

CREATE TABLE users (
    id UUID PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'case_worker', 'investigator', 'lawyer', 'me_analyst', 'partner_viewer')),
    office_id UUID NOT NULL REFERENCES offices (id),
    language TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE sessions (
    token_hash BYTEA PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash BYTEA NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

-- Cases and their references. Text compared by prefix uses the "C"
-- collation so range scans on the index match byte order.
CREATE TABLE case_counters (
    office_id UUID NOT NULL REFERENCES offices (id),
    year INTEGER NOT NULL,
    last_sequence INTEGER NOT NULL,
    PRIMARY KEY (office_id, year)
);

CREATE TABLE cases (
    id UUID PRIMARY KEY,
    reference TEXT COLLATE "C" NOT NULL UNIQUE,
    intake_date DATE NOT NULL,
    intake_source TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Active', 'FollowUp', 'Closed', 'ClosedReferred')),
    place_of_recruitment TEXT,
    place_of_exploitation TEXT,
    summary TEXT,
    office_id UUID NOT NULL REFERENCES offices (id),
    created_by UUID REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX cases_by_intake ON cases (intake_date DESC, reference DESC);
CREATE INDEX cases_by_status ON cases (status, intake_date DESC);
CREATE INDEX cases_by_office ON cases (office_id, intake_date DESC);

CREATE TABLE case_exploitation (
    case_id UUID NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    exploitation_type TEXT NOT NULL,
    PRIMARY KEY (case_id, exploitation_type)
);
CREATE INDEX case_exploitation_by_type ON case_exploitation (exploitation_type, case_id);

CREATE TABLE case_team (
    case_id UUID NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users (id),
    PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_team_by_user ON case_team (user_id, case_id);

-- People. `identity` holds the identifying half, sealed by the application.
CREATE TABLE persons (
    id UUID PRIMARY KEY,
    office_id UUID NOT NULL REFERENCES offices (id),
    pseudonym TEXT NOT NULL,
    pseudonym_folded TEXT COLLATE "C" NOT NULL,
    age_band TEXT NOT NULL,
    gender TEXT NOT NULL,
    identity BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX persons_by_pseudonym ON persons (pseudonym_folded);

CREATE TABLE case_participants (
    case_id UUID NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    person_id UUID NOT NULL REFERENCES persons (id),
    role TEXT NOT NULL CHECK (role IN ('Victim', 'Suspect', 'Witness', 'Guardian', 'Official')),
    PRIMARY KEY (case_id, person_id, role)
);
CREATE INDEX case_participants_by_person ON case_participants (person_id, case_id);

CREATE TABLE case_events (
    id UUID PRIMARY KEY,
    case_id UUID NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    occurred_on DATE NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    note TEXT,
    recorded_by UUID REFERENCES users (id),
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX case_events_by_case ON case_events (case_id, occurred_on DESC);

CREATE TABLE attachments (
    id UUID PRIMARY KEY,
    case_id UUID NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL CHECK (size_bytes >= 0),
    sha256 TEXT NOT NULL,
    uploaded_by UUID REFERENCES users (id),
    uploaded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX attachments_by_case ON attachments (case_id, uploaded_at DESC);
