-- Candidates: their ballot number where an article writes it, and the results articles report.
alter table person_roles add column if not exists ballot_number integer;
comment on column person_roles.ballot_number is 'a candidate''s number on the ballot ("nomor urut 2"); null for other offices';

-- One row per result of a candidate (pair) an article reports: votes, share and the level of the recap.
create table if not exists candidate_results (
    article_id      varchar not null,     -- article reporting the result
    ordinal         integer not null,     -- position among the article's results
    election_id     varchar,              -- the race (elections.election_id) when the article names it
    race            varchar not null,     -- pilpres | pilgub | pilbup | pilwali | pilkades
    region_code     varchar,              -- region of the race (Kemendagri code); null for the presidential race
    ballot_number   integer,              -- the pair's number on the ballot, when written
    candidate       varchar not null,     -- the top candidate as written in the article
    running_mate    varchar,              -- the running mate as written; null for a single candidate
    candidate_person_id varchar,          -- the top candidate (persons.person_id)
    running_mate_person_id varchar,       -- the running mate (persons.person_id)
    votes           bigint not null,      -- votes won, as stated
    share           double,               -- percent of the valid votes, when stated
    level           varchar not null,     -- level of the recap: tps | desa | kecamatan | kabupaten | provinsi | nasional
    evidence        varchar,              -- body text of the span: the pair and its votes
    span_start      integer,              -- evidence start offset in articles.body
    span_end        integer,              -- evidence end offset (exclusive)
    primary key (article_id, ordinal)
);
