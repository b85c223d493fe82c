-- What each night did, outlet by outlet, and what the quality checks found.

-- One row per outlet per night.
create table if not exists crawl_runs (
    night           date not null,        -- the run's date in Asia/Jakarta
    outlet_id       varchar not null,
    status          varchar not null,     -- ok | failed
    reason          varchar,              -- why a failed crawl gave nothing
    articles_fetched integer not null,
    responses       integer not null,
    statuses        json,                 -- {"200": 31, "404": 1}
    errors          json,                 -- {"ConnectionRefusedError": 3}
    finished_at     timestamptz,
    primary key (night, outlet_id)
);

-- One row per expectation per table per validation run.
create table if not exists quality_results (
    run_id          varchar not null,     -- Airflow run id
    night           date not null,
    table_name      varchar not null,
    expectation     varchar not null,     -- GX expectation type
    column_name     varchar,
    is_critical     boolean not null,
    success         boolean not null,
    element_count   bigint,
    unexpected_count bigint,
    checked_at      timestamptz not null
);
