-- 0003_backends: the backend that measures a job becomes a matrix dimension
-- (jobs.backend: 'opencl' = our engine, else a command backend named in the
-- campaign YAML), and a campaign stores its `baselines:` section.
--
-- SQLite cannot change a UNIQUE constraint in place, so jobs is rebuilt
-- (SQLite's documented procedure; migrations.cc runs every migration with
-- foreign keys off and checks them before committing). Ids are kept, so
-- attempts and results still point at their jobs.

DROP VIEW job_results;

CREATE TABLE jobs_new (
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
  backend         TEXT NOT NULL DEFAULT 'opencl', -- who measured it: 'opencl' or a command backend
  UNIQUE (campaign_id, model, batch, precision, backend)
);
INSERT INTO jobs_new (id, campaign_id, model, model_path, batch, precision, overrides, status,
                      attempt, created_at, started_at, finished_at, engine_path, cache_hit,
                      exit_code, signal, failure_reason, failure_message, log_path, backend)
SELECT id, campaign_id, model, model_path, batch, precision, overrides, status, attempt,
       created_at, started_at, finished_at, engine_path, cache_hit, exit_code, signal,
       failure_reason, failure_message, log_path, 'opencl'
FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_new RENAME TO jobs;
CREATE INDEX jobs_by_status ON jobs(campaign_id, status);

-- The campaign's `baselines:` as JSON (file contents included); '' = none.
ALTER TABLE campaigns ADD COLUMN baselines TEXT NOT NULL DEFAULT '';

CREATE VIEW job_results AS
SELECT c.id AS campaign_id, c.name AS campaign, j.id AS job_id, j.model, j.batch,
       j.precision, j.backend, j.status, j.attempt, j.failure_reason, r.median_ms, r.p99_ms,
       r.throughput, r.validation_passed, r.device_name, j.log_path
FROM jobs j
JOIN campaigns c ON c.id = j.campaign_id
LEFT JOIN results r ON r.job_id = j.id AND r.attempt = j.attempt;
