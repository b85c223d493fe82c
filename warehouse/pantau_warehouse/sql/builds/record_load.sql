-- The build row of a load, written inside the load's own transaction: a file that holds the
-- night's rows always holds the row saying which run put them there and what they count.
insert or replace into warehouse_builds by name
select
    $run_id as run_id,
    $night::date as night,
    $loaded_at::timestamptz as loaded_at,
    (select count(*) from articles) as articles,
    (select count(*) from articles where last_seen_night = $night::date) as night_articles,
    (select count(*) from crawl_runs where night = $night::date) as crawl_runs,
    null as validated_at,
    null as published_at;
