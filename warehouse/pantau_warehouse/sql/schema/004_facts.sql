-- Facts extracted from article bodies. Every fact row carries its evidence: the article and
-- the character span [span_start, span_end) of articles.body (null when only in the title).

-- One row per election (calendar dimension).
create table if not exists elections (
    election_id     varchar primary key,  -- "<type>-<year>[-<scope_region_code>]"
    type            varchar not null,     -- pemilu | pileg | pilpres | pilkada | pilgub | pilbup | pilwali | pilkades | psu
    year            integer not null,
    scope_region_code varchar,            -- null for national elections
    voting_date     date,
    date_source     varchar               -- law | text
);

-- One row per election an article refers to.
create table if not exists article_elections (
    article_id      varchar not null,
    ordinal         integer not null,
    election_id     varchar not null,
    type            varchar not null,
    year            integer not null,
    voting_date     date,
    mention         varchar,
    span_start      integer,
    span_end        integer,
    primary key (article_id, ordinal)
);

-- One row per event an article reports.
create table if not exists events (
    event_id        varchar primary key,  -- "<article_id>-<ordinal>"
    article_id      varchar not null,
    type            varchar not null,     -- coordination_meeting | campaign | voting | ...
    event_date      date,                 -- null when unknown ("belum lama ini")
    date_text       varchar,
    venue           varchar,
    region_code     varchar,              -- where it happened
    election_id     varchar,
    topics          varchar[],
    confidence      double,
    evidence        varchar,              -- body[span_start:span_end]
    span_start      integer,
    span_end        integer
);

-- One row per region an article mentions.
create table if not exists article_regions (
    article_id      varchar not null,
    ordinal         integer not null,
    region_code     varchar not null,     -- province or regency (a district counts as its regency)
    district_code   varchar,
    level           varchar not null,     -- province | regency
    role            varchar not null,     -- event_location | subject | mentioned
    mention         varchar,
    span_start      integer,
    span_end        integer,
    primary key (article_id, ordinal)
);

-- One row per person, resolved across articles of the same province by name key.
create table if not exists persons (
    person_id       varchar primary key,
    name            varchar not null,     -- fullest form seen, titles and ranks kept
    match_key       varchar not null,
    province_code   varchar,
    aliases         varchar[]
);

-- One row per office a person is named with in an article.
create table if not exists person_roles (
    article_id      varchar not null,
    ordinal         integer not null,
    person_id       varchar not null,
    name            varchar not null,     -- as written in this article
    office          varchar,              -- Pj Bupati, Sekda, Ketua KPU, ...
    institution     varchar,
    region_code     varchar,
    span_start      integer,
    span_end        integer,
    primary key (article_id, ordinal)
);

-- One row per direct quotation.
create table if not exists quotes (
    article_id      varchar not null,
    ordinal         integer not null,
    person_id       varchar,              -- null when the speaker is unknown
    speaker         varchar,
    text            varchar not null,
    cue             varchar,              -- attribution words: "ucapnya", "tegas Agus"
    span_start      integer,
    span_end        integer,
    primary key (article_id, ordinal)
);

-- One row per counted quantity.
create table if not exists quantities (
    article_id      varchar not null,
    ordinal         integer not null,
    value           double not null,
    unit            varchar,              -- pemilih, desa, TPS, personel, rupiah, ...
    qualifier       varchar,              -- lebih dari | sekitar | hampir | kurang dari
    counts          varchar,              -- what is counted
    text            varchar not null,
    span_start      integer,
    span_end        integer,
    primary key (article_id, ordinal)
);
