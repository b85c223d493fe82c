-- Marts: views over the fact tables, always in step with them (no rebuild to forget).

-- One row per real-world event reported by one or more articles: same type, region, day
-- and election. Events without a day or a region are not clustered.
create or replace view event_clusters as
with dated as (
    select
        e.event_id,
        e.type,
        e.region_code,
        e.event_date,
        coalesce(e.election_id, '') as election_key,
        e.election_id,
        a.outlet_id,
        a.article_id
    from events as e
    inner join articles as a using (article_id)
    where e.event_date is not null and e.region_code is not null
)
select
    md5(concat_ws('|', type, region_code, event_date, election_key))[:16] as cluster_id,
    type,
    region_code,
    event_date,
    any_value(election_id) as election_id,
    count(*) as event_count,
    count(distinct outlet_id) as outlet_count,
    list(event_id order by event_id) as event_ids,
    list(distinct article_id) as article_ids
from dated
group by type, region_code, event_date, election_key;

comment on column event_clusters.cluster_id is 'hash of type, region, day and election';
comment on column event_clusters.type is 'event type, as in events.type';
comment on column event_clusters.region_code is 'where the event happened (Kemendagri code)';
comment on column event_clusters.event_date is 'day of the event';
comment on column event_clusters.election_id is 'election the event belongs to, when known';
comment on column event_clusters.event_count is 'events (article reports) in the cluster';
comment on column event_clusters.outlet_count is 'distinct outlets that reported it';
comment on column event_clusters.event_ids is 'the events.event_id of every report';
comment on column event_clusters.article_ids is 'the articles that reported it';
