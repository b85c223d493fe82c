-- Reference data: Kemendagri regions and the outlets Pantau crawls.

-- One row per province or regency/city (Kemendagri 2025 codes).
create table if not exists regions (
    region_code     varchar primary key,  -- "64" province, "64.08" regency/city
    level           varchar not null,     -- province | regency
    kind            varchar,              -- kabupaten | kota (regencies only)
    name            varchar not null,     -- name without "Kabupaten"/"Kota"
    province_code   varchar not null,
    seat            varchar               -- the regency's seat of government
);

-- One row per outlet in the registry of the last run that saw it.
create table if not exists outlets (
    outlet_id       varchar primary key,
    name            varchar not null,
    base_url        varchar not null,
    platform        varchar not null,     -- wordpress | blogger | generic
    region_code     varchar not null,     -- home region of the outlet
    timezone        varchar not null,
    updated_at      timestamptz not null
);
