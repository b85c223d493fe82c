-- The build a run made of a night, and whether it is the newest build in the file.
select
    validated_at,
    published_at,
    loaded_at = (select max(loaded_at) from warehouse_builds) as is_newest
from warehouse_builds
where run_id = $run_id and night = $night::date;
