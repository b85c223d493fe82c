-- Upsert the night's articles: a re-fetch of an unchanged article only moves last_seen_night;
-- an edited article replaces title and body (its facts are reloaded below).
insert into articles
select * exclude (rank_in_batch)
from (
    select
        *,
        row_number() over (partition by article_id order by fetched_at desc) as rank_in_batch
    from stg_articles
)
where rank_in_batch = 1
on conflict (article_id) do update set
    outlet_id = excluded.outlet_id,
    url = excluded.url,
    title = excluded.title,
    body = excluded.body,
    published_at = coalesce(excluded.published_at, articles.published_at),
    author = coalesce(excluded.author, articles.author),
    language = excluded.language,
    content_hash = excluded.content_hash,
    body_chars = excluded.body_chars,
    archive_file = excluded.archive_file,
    fetched_at = excluded.fetched_at,
    first_seen_night = least(articles.first_seen_night, excluded.first_seen_night),
    last_seen_night = greatest(articles.last_seen_night, excluded.last_seen_night),
    extracted_at = excluded.extracted_at;
