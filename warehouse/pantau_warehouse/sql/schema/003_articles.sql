-- Articles: the clean text every fact span points into.

-- One row per article (canonical URL).
create table if not exists articles (
    article_id      varchar primary key,  -- sha1 of the canonical URL, 16 hex chars
    outlet_id       varchar not null,     -- outlet that published it
    url             varchar,              -- canonical URL; the quality suite rejects nulls
    title           varchar not null,     -- headline
    body            varchar not null,     -- clean text; paragraphs separated by a blank line
    published_at    timestamptz,          -- publication time; null when the page gives no date
    author          varchar,              -- byline as printed
    language        varchar not null,     -- ISO 639-1 code of the body, "id"
    content_hash    varchar not null,     -- sha1 of title and body: tells an edit from a re-fetch
    body_chars      integer not null,     -- length of body in characters
    archive_file    varchar not null,     -- WARC file holding the raw page, for re-extraction
    fetched_at      timestamptz not null, -- when the page was fetched
    first_seen_night date not null,       -- first night the article was crawled
    last_seen_night date not null,        -- latest night the article was crawled
    extracted_at    timestamptz not null  -- when body and facts were last extracted
);
