-- Validation passed (no critical failure): the build may be published. Written in the same
-- transaction as the night's quality_results rows.
update warehouse_builds
set validated_at = $validated_at::timestamptz
where run_id = $run_id and night = $night::date;
