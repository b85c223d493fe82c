-- What each night did, outlet by outlet, and what the quality checks found.

-- One row per outlet per night.
create table if not exists crawl_runs (
    night           date not null,        -- the run's date in Asia/Jakarta
    outlet_id       varchar not null,     -- outlet crawled
    status          varchar not null,     -- ok | failed
    reason          varchar,              -- why a failed crawl gave nothing (refused, HTTP 500, ...)
    articles_fetched integer not null,    -- article pages archived
    responses       integer not null,     -- HTTP responses received, all kinds
    statuses        json,                 -- responses by HTTP status, e.g. {"200": 31, "404": 1}
    errors          json,                 -- download errors by type, e.g. {"ConnectionRefusedError": 3}
    finished_at     timestamptz,          -- when the crawl closed
    primary key (night, outlet_id)
);

-- One row per expectation per table per validation run.
create table if not exists quality_results (
    run_id          varchar not null,     -- Airflow run id
    night           date not null,        -- night whose rows were checked
    table_name      varchar not null,     -- warehouse table checked
    expectation     varchar not null,     -- GX expectation type
    column_name     varchar,              -- column checked, null for table-level expectations
    is_critical     boolean not null,     -- a failure fails the run
    success         boolean not null,     -- the expectation held
    element_count   bigint,               -- rows checked
    unexpected_count bigint,              -- rows that broke the expectation
    checked_at      timestamptz not null  -- when the check ran
);
