-- Articles: one row per article (canonical URL), with the clean body all spans point into.
create table if not exists articles (
    article_id      varchar primary key,  -- sha1 of the canonical URL, 16 hex chars
    outlet_id       varchar not null,
    url             varchar,              -- canonical URL; the quality suite rejects nulls
    title           varchar not null,
    body            varchar not null,     -- clean text; paragraphs separated by a blank line
    published_at    timestamptz,          -- null when the page gives no date
    author          varchar,
    language        varchar not null,     -- ISO 639-1, "id"
    content_hash    varchar not null,     -- sha1 of title + body: detects edits
    body_chars      integer not null,
    archive_file    varchar not null,     -- WARC file holding the raw page (re-extraction)
    fetched_at      timestamptz not null,
    first_seen_night date not null,
    last_seen_night date not null,
    extracted_at    timestamptz not null
);
