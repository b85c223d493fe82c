-- Events carry the kind of meeting they are, and clusters keep an apel and a rakor held the
-- same day in the same town apart.
alter table events add column if not exists form varchar;
comment on column events.form is 'kind of coordination meeting: rakor | apel | deklarasi | konsolidasi | rapat_kerja; null for other types';

-- One row per real-world event reported by one or more articles: same type, meeting form,
-- region, day and election. Events without a day or a region are not clustered.
create or replace view event_clusters as
with dated as (
    select
        e.event_id,
        e.type,
        e.form,
        e.region_code,
        e.event_date,
        coalesce(e.form, '') as form_key,
        coalesce(e.election_id, '') as election_key,
        e.election_id,
        a.outlet_id,
        a.article_id
    from events as e
    inner join articles as a using (article_id)
    where e.event_date is not null and e.region_code is not null
)
select
    md5(concat_ws('|', type, form_key, region_code, event_date, election_key))[:16] as cluster_id,
    type,
    any_value(form) as form,
    region_code,
    event_date,
    any_value(election_id) as election_id,
    count(*) as event_count,
    count(distinct outlet_id) as outlet_count,
    list(event_id order by event_id) as event_ids,
    list(distinct article_id order by article_id) as article_ids
from dated
group by type, form_key, region_code, event_date, election_key;

comment on column event_clusters.cluster_id is 'hash of type, meeting form, region, day and election';
comment on column event_clusters.type is 'event type, as in events.type';
comment on column event_clusters.form is 'kind of meeting, as in events.form';
comment on column event_clusters.region_code is 'where the event happened (Kemendagri code)';
comment on column event_clusters.event_date is 'day of the event';
comment on column event_clusters.election_id is 'election the event belongs to, when known';
comment on column event_clusters.event_count is 'events (article reports) in the cluster';
comment on column event_clusters.outlet_count is 'distinct outlets that reported it';
comment on column event_clusters.event_ids is 'the events.event_id of every report';
comment on column event_clusters.article_ids is 'the articles that reported it';
