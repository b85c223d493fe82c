-- Elections: one row per race; a voting date known by law wins over one read in a text.
insert into elections
select
    election_id,
    any_value(type),
    any_value(year),
    any_value(scope_region_code),
    coalesce(
        max(voting_date) filter (where date_source = 'law'),
        mode(voting_date) filter (where voting_date is not null)
    ),
    coalesce(max(date_source) filter (where date_source = 'law'), max(date_source))
from stg_elections
group by election_id
on conflict (election_id) do update set
    voting_date = case
        when elections.date_source = 'law' then elections.voting_date
        else coalesce(excluded.voting_date, elections.voting_date)
    end,
    date_source = case
        when elections.date_source = 'law' then 'law'
        else coalesce(excluded.date_source, elections.date_source)
    end;

-- Persons: the fullest name seen and every alias, across articles of one province.
insert into persons
select
    person_id,
    arg_max(name, length(name)),
    any_value(match_key),
    any_value(province_code),
    list_sort(list_distinct(flatten(list(aliases))))
from stg_persons
group by person_id
on conflict (person_id) do update set
    name = case when length(excluded.name) > length(persons.name) then excluded.name else persons.name end,
    aliases = list_sort(list_distinct(list_concat(persons.aliases, excluded.aliases)));
