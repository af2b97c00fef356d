-- 0002_measurement: the latency breakdown, the noise gate, the environment
-- fingerprint and the per-layer profile (docs/measurement.md).
--
-- Documented for users in schema/database.md. Never edit a released
-- migration: add a new one instead.

-- The environment of the campaign's first measured job: device, driver,
-- OpenCL version, compute units, clock, host, CPU, tool version, git commit
-- (JSON, the runner's "fingerprint" object). NULL until a job measured.
ALTER TABLE campaigns ADD COLUMN fingerprint TEXT;

-- Per-iteration device times from OpenCL event profiling (medians), the
-- spread, and the stability verdict of one attempt's timed run.
ALTER TABLE results ADD COLUMN cov REAL;                 -- CoV of the end-to-end time
ALTER TABLE results ADD COLUMN h2d_median_ms REAL;       -- input copies
ALTER TABLE results ADD COLUMN compute_median_ms REAL;   -- first kernel start .. last kernel end
ALTER TABLE results ADD COLUMN compute_cov REAL;
ALTER TABLE results ADD COLUMN d2h_median_ms REAL;       -- output copies
ALTER TABLE results ADD COLUMN enqueue_median_ms REAL;   -- host time to enqueue an inference
ALTER TABLE results ADD COLUMN throughput_wall REAL;     -- batch * iterations / total wall time
ALTER TABLE results ADD COLUMN cold_ms REAL;             -- the first (cold) inference
ALTER TABLE results ADD COLUMN transfers INTEGER;        -- 0: compute only (--no-transfers)
ALTER TABLE results ADD COLUMN unstable INTEGER;         -- 1: CoV above the threshold
ALTER TABLE results ADD COLUMN unstable_threshold REAL;  -- that threshold (fraction)
ALTER TABLE results ADD COLUMN stability_metric TEXT;    -- 'compute' or 'e2e'
ALTER TABLE results ADD COLUMN repeats INTEGER;          -- re-measurements of an unstable job
ALTER TABLE results ADD COLUMN trace_path TEXT;          -- Trace Event JSON; NULL when none
ALTER TABLE results ADD COLUMN fingerprint TEXT;         -- JSON, as campaigns.fingerprint

-- The per-layer profile of one attempt: one row per engine layer, from the
-- separate profiling run after the timed run.
CREATE TABLE layer_profiles (
  job_id      INTEGER NOT NULL,
  attempt     INTEGER NOT NULL,
  layer_index INTEGER NOT NULL,  -- plan order, 0-based
  name        TEXT NOT NULL,     -- ONNX node name
  op_type     TEXT NOT NULL,
  mean_ms     REAL NOT NULL,     -- device time per inference (its kernels summed)
  median_ms   REAL NOT NULL,
  share       REAL NOT NULL,     -- mean_ms / sum over the layers (0..1)
  PRIMARY KEY (job_id, attempt, layer_index),
  FOREIGN KEY (job_id, attempt) REFERENCES results(job_id, attempt) ON DELETE CASCADE
);
