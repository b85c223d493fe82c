-- Facts extracted from article bodies. Every fact row carries its evidence: the article and
-- the character span [span_start, span_end) of articles.body (null when only in the title).

-- One row per election (calendar dimension).
create table if not exists elections (
    election_id     varchar primary key,  -- "<type>-<year>", "-<region_code>" added for local races
    type            varchar not null,     -- pemilu | pileg | pilpres | pilkada | pilgub | pilbup | pilwali | pilkades | psu
    year            integer not null,     -- year of the vote
    scope_region_code varchar,            -- region a local race covers; null for national ones
    voting_date     date,                 -- voting day, when known
    date_source     varchar               -- law (national calendar) | text (read in an article)
);

-- One row per election an article refers to.
create table if not exists article_elections (
    article_id      varchar not null,     -- article the mention is in
    ordinal         integer not null,     -- position among the article's elections
    election_id     varchar not null,     -- the election (elections.election_id)
    type            varchar not null,     -- election type, as in elections.type
    year            integer not null,     -- year of the vote
    voting_date     date,                 -- voting day as known from this article or the law
    mention         varchar,              -- the words in the body, e.g. "Pilkades serentak 2023"
    span_start      integer,              -- evidence start offset in articles.body
    span_end        integer,              -- evidence end offset (exclusive)
    primary key (article_id, ordinal)
);

-- One row per event an article reports.
create table if not exists events (
    event_id        varchar primary key,  -- "<article_id>-<ordinal>"
    article_id      varchar not null,     -- article reporting the event
    type            varchar not null,     -- coordination_meeting | campaign | voting | counting_recap | logistics | voter_registration | asn_neutrality | violation_enforcement | security | candidate_nomination | socialization | dispute | other
    event_date      date,                 -- day of the event; null when unknown ("belum lama ini")
    date_text       varchar,              -- the date as written, e.g. "Rabu (13/11/2024)"
    venue           varchar,              -- place named for the event, e.g. "Hotel Novotel"
    region_code     varchar,              -- where it happened (Kemendagri code)
    election_id     varchar,              -- election the event prepares or belongs to
    topics          varchar[],            -- issues raised: asn_neutrality, logistics, security, ...
    confidence      double,               -- 0..1, how sure the rules are of the type
    evidence        varchar,              -- body text of the span
    span_start      integer,              -- evidence start offset in articles.body
    span_end        integer               -- evidence end offset (exclusive)
);

-- One row per region an article mentions.
create table if not exists article_regions (
    article_id      varchar not null,     -- article mentioning the region
    ordinal         integer not null,     -- position among the article's regions
    region_code     varchar not null,     -- province or regency code (a district counts as its regency)
    district_code   varchar,              -- kecamatan code when a district was named
    level           varchar not null,     -- province | regency
    role            varchar not null,     -- event_location | subject | mentioned
    mention         varchar,              -- the words in the body, e.g. "Lotim"
    span_start      integer,              -- evidence start offset in articles.body
    span_end        integer,              -- evidence end offset (exclusive)
    primary key (article_id, ordinal)
);

-- One row per person, resolved across articles of the same province by name key.
create table if not exists persons (
    person_id       varchar primary key,  -- hash of the name key and the province
    name            varchar not null,     -- fullest form seen, titles and ranks kept
    match_key       varchar not null,     -- normalized name used to resolve the person
    province_code   varchar,              -- province the person acts in
    aliases         varchar[]             -- other forms seen: "Sekda Juaini", "AHK"
);

-- One row per office a person is named with in an article.
create table if not exists person_roles (
    article_id      varchar not null,     -- article naming the person
    ordinal         integer not null,     -- position among the article's persons
    person_id       varchar not null,     -- the person (persons.person_id)
    name            varchar not null,     -- name as written in this article
    office          varchar,              -- short office with acting prefix: Pj Bupati, Sekda, Ketua KPU, ...
    institution     varchar,              -- KPU, Bawaslu, Pemkab Pamekasan, Polres, ...
    region_code     varchar,              -- region of the office
    span_start      integer,              -- evidence start offset in articles.body
    span_end        integer,              -- evidence end offset (exclusive)
    primary key (article_id, ordinal)
);

-- One row per direct quotation.
create table if not exists quotes (
    article_id      varchar not null,     -- article quoting
    ordinal         integer not null,     -- position among the article's quotes
    person_id       varchar,              -- speaker (persons.person_id); null when unknown
    speaker         varchar,              -- speaker's name as resolved in the article
    text            varchar not null,     -- the words inside the quotation marks
    cue             varchar,              -- attribution words: "ucapnya", "tegas Agus"
    span_start      integer,              -- evidence start offset in articles.body
    span_end        integer,              -- evidence end offset (exclusive)
    primary key (article_id, ordinal)
);

-- One row per counted quantity.
create table if not exists quantities (
    article_id      varchar not null,     -- article stating the number
    ordinal         integer not null,     -- position among the article's quantities
    value           double not null,      -- the number: "209 ribu" is 209000
    unit            varchar,              -- pemilih, desa, TPS, personel, rupiah, ...
    qualifier       varchar,              -- lebih dari | sekitar | hampir | kurang dari
    counts          varchar,              -- what is counted, e.g. "pelanggaran netralitas ASN"
    text            varchar not null,     -- the number as written, e.g. "lebih dari 1.000 pelanggaran"
    span_start      integer,              -- evidence start offset in articles.body
    span_end        integer,              -- evidence end offset (exclusive)
    primary key (article_id, ordinal)
);
