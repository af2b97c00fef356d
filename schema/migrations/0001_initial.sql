-- 0001_initial: campaigns, their jobs, every attempt of a job, and results.
--
-- Applied by orchestrator/store/migrations.cc inside one transaction, which
-- then sets PRAGMA user_version = 1. Never edit a released migration: add
-- 0002_*.sql instead. Documented for users in schema/database.md.
--
-- Conventions: timestamps are ISO-8601 UTC text with milliseconds
-- ("2024-05-01T12:34:56.789Z"); NULL means "not known / not yet"; booleans
-- are 0/1 integers.

-- One `campaign run X.yaml`.
CREATE TABLE campaigns (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,               -- `name:` from the YAML
  config_path   TEXT NOT NULL,               -- the YAML file as given
  config_sha256 TEXT NOT NULL,               -- sha256 of config_text, hex
  config_text   TEXT NOT NULL,               -- the YAML exactly as run
  device_spec   TEXT NOT NULL DEFAULT '',    -- the device selection requested
  created_at    TEXT NOT NULL,
  finished_at   TEXT,
  status        TEXT NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'finished', 'interrupted'))
);
CREATE INDEX campaigns_by_name ON campaigns(name);

-- One cell of the matrix (model x batch x precision). Mirrors its latest attempt.
CREATE TABLE jobs (
  id              INTEGER PRIMARY KEY,        -- insertion order = matrix order
  campaign_id     INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  model           TEXT NOT NULL,
  model_path      TEXT NOT NULL,
  batch           INTEGER NOT NULL CHECK (batch > 0),
  precision       TEXT NOT NULL,              -- 'fp32', 'fp16', 'int8'
  overrides       TEXT NOT NULL DEFAULT '{}', -- JSON: {"input": ["N", 3, 224, 224]}
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'converting', 'running', 'succeeded', 'failed')),
  attempt         INTEGER NOT NULL DEFAULT 0, -- attempts started so far
  created_at      TEXT NOT NULL,
  started_at      TEXT,                       -- of the latest attempt
  finished_at     TEXT,                       -- of the latest attempt
  engine_path     TEXT,
  cache_hit       INTEGER NOT NULL DEFAULT 0, -- 1 when the engine came from the cache
  exit_code       INTEGER,                    -- runner exit status, when it exited
  signal          INTEGER,                    -- signal that killed the runner, if any
  failure_reason  TEXT,                       -- ReasonName(), e.g. 'unsupported_op'; NULL if ok
  failure_message TEXT,
  log_path        TEXT,
  UNIQUE (campaign_id, model, batch, precision)
);
CREATE INDEX jobs_by_status ON jobs(campaign_id, status);

-- Every attempt of every job, oldest first; never updated after it finishes.
CREATE TABLE attempts (
  id              INTEGER PRIMARY KEY,
  job_id          INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  attempt         INTEGER NOT NULL,           -- 1, 2, ...
  started_at      TEXT NOT NULL,
  finished_at     TEXT,
  status          TEXT NOT NULL
                  CHECK (status IN ('converting', 'running', 'succeeded', 'failed')),
  engine_path     TEXT,
  cache_hit       INTEGER NOT NULL DEFAULT 0,
  exit_code       INTEGER,
  signal          INTEGER,
  failure_reason  TEXT,
  failure_message TEXT,
  log_path        TEXT,
  UNIQUE (job_id, attempt)
);

-- What the runner measured in one attempt. Stored even when the attempt
-- failed after measuring (e.g. failure_reason 'accuracy').
CREATE TABLE results (
  job_id               INTEGER NOT NULL,
  attempt              INTEGER NOT NULL,
  device_name          TEXT,
  device_platform      TEXT,
  device_vendor        TEXT,
  device_type          TEXT,                  -- 'gpu', 'cpu', 'accelerator', 'other'
  device_driver        TEXT,
  warmup_iterations    INTEGER,
  iterations           INTEGER,
  mean_ms              REAL,
  median_ms            REAL,
  min_ms               REAL,
  max_ms               REAL,
  p90_ms               REAL,
  p95_ms               REAL,
  p99_ms               REAL,
  stddev_ms            REAL,
  throughput           REAL,                  -- inferences/s = batch * 1000 / median_ms
  load_ms              REAL,
  validation_checked   INTEGER,
  max_abs_error        REAL,
  max_rel_error        REAL,
  cosine               REAL,
  norm_rel_error       REAL,
  validation_tolerance REAL,
  validation_passed    INTEGER,
  result_json          TEXT NOT NULL,         -- the runner's whole JSON (schema/result-json.md)
  PRIMARY KEY (job_id, attempt),
  FOREIGN KEY (job_id, attempt) REFERENCES attempts(job_id, attempt) ON DELETE CASCADE
);

-- Convenience for people at the sqlite3 prompt: each job with its campaign
-- and the numbers of its latest attempt.
CREATE VIEW job_results AS
SELECT c.id AS campaign_id, c.name AS campaign, j.id AS job_id, j.model, j.batch,
       j.precision, j.status, j.attempt, j.failure_reason, r.median_ms, r.p99_ms,
       r.throughput, r.validation_passed, r.device_name, j.log_path
FROM jobs j
JOIN campaigns c ON c.id = j.campaign_id
LEFT JOIN results r ON r.job_id = j.id AND r.attempt = j.attempt;
