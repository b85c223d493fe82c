-- Reference data: Kemendagri regions and the outlets Pantau crawls.

-- One row per province or regency/city (Kemendagri 2025 codes).
create table if not exists regions (
    region_code     varchar primary key,  -- Kemendagri code: "64" province, "64.08" regency/city
    level           varchar not null,     -- province | regency
    kind            varchar,              -- kabupaten | kota (regencies only)
    name            varchar not null,     -- name without "Kabupaten"/"Kota", e.g. "Kutai Timur"
    province_code   varchar not null,     -- the province the region belongs to (itself for a province)
    seat            varchar               -- seat of government of a regency
);

-- One row per outlet in the registry of the last run that saw it.
create table if not exists outlets (
    outlet_id       varchar primary key,  -- registry id, e.g. "pojok-kutim"
    name            varchar not null,     -- outlet name as shown to readers
    base_url        varchar not null,     -- home page; the crawl stays on this host
    platform        varchar not null,     -- wordpress | blogger | generic
    region_code     varchar not null,     -- home region of the outlet (province or regency)
    timezone        varchar not null,     -- Asia/Jakarta (WIB) | Asia/Makassar (WITA) | Asia/Jayapura (WIT)
    updated_at      timestamptz not null  -- when a run last wrote this row
);
