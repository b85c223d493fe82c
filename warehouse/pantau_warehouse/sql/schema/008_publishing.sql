-- Publishing: which night a published snapshot holds, and which quality results are current.
-- Comments are written out below (not as trailing "--" notes) so each new column and view is
-- described by exactly one COMMENT ON statement in this file.

create table if not exists warehouse_builds (
    run_id          varchar not null,
    night           date not null,
    loaded_at       timestamptz not null,
    articles        bigint not null,
    night_articles  bigint not null,
    crawl_runs      bigint not null,
    validated_at    timestamptz,
    published_at    timestamptz,
    primary key (run_id, night)
);

comment on table warehouse_builds is 'One row per build of the warehouse: a night a run loaded into the working file, validated and published. The published file holds only builds that passed validation; the newest row is the night the snapshot holds.';
comment on column warehouse_builds.run_id is 'Airflow run id that loaded the night';
comment on column warehouse_builds.night is 'night loaded (Asia/Jakarta date)';
comment on column warehouse_builds.loaded_at is 'when the load transaction committed';
comment on column warehouse_builds.articles is 'rows in articles right after the load, all nights';
comment on column warehouse_builds.night_articles is 'articles seen this night (articles.last_seen_night = night) right after the load';
comment on column warehouse_builds.crawl_runs is 'rows in crawl_runs for this night right after the load, one per outlet attempted';
comment on column warehouse_builds.validated_at is 'when every quality suite ran on the night with no critical failure; null while not validated';
comment on column warehouse_builds.published_at is 'when the working file was sealed to replace the published one; null while unpublished';

-- The quality results of the latest validation of each night: a night checked again (a
-- re-run, a cleared validate task) adds a new set of rows; only the newest set is current.

create or replace view quality_results_current as
select
    run_id,
    night,
    table_name,
    expectation,
    column_name,
    is_critical,
    success,
    element_count,
    unexpected_count,
    checked_at
from quality_results
-- One validation writes all its rows with one checked_at, so the newest checked_at of a night
-- picks out exactly one validation, even when a cleared task re-ran under the same run_id.
qualify checked_at = max(checked_at) over (partition by night);

comment on view quality_results_current is 'One row per expectation per table of the latest validation of each night (quality_results keeps every validation); what the night''s quality is now.';
comment on column quality_results_current.run_id is 'Airflow run id of the latest validation of the night';
comment on column quality_results_current.night is 'night whose rows were checked';
comment on column quality_results_current.table_name is 'warehouse table checked';
comment on column quality_results_current.expectation is 'GX expectation type';
comment on column quality_results_current.column_name is 'column checked, null for table-level expectations';
comment on column quality_results_current.is_critical is 'a failure fails the run and blocks publishing';
comment on column quality_results_current.success is 'the expectation held';
comment on column quality_results_current.element_count is 'rows checked';
comment on column quality_results_current.unexpected_count is 'rows that broke the expectation';
comment on column quality_results_current.checked_at is 'when the validation ran';
