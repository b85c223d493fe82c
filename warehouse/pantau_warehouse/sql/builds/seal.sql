-- The last write before the working file replaces the published one.
update warehouse_builds
set published_at = $published_at::timestamptz
where run_id = $run_id and night = $night::date;
