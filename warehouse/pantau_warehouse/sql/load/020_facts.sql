-- Replace the facts of every article in the batch: facts belong to one extraction of a body.
delete from article_regions where article_id in (select article_id from stg_articles);
delete from article_elections where article_id in (select article_id from stg_articles);
delete from events where article_id in (select article_id from stg_articles);
delete from person_roles where article_id in (select article_id from stg_articles);
delete from quotes where article_id in (select article_id from stg_articles);
delete from quantities where article_id in (select article_id from stg_articles);
delete from candidate_results where article_id in (select article_id from stg_articles);

insert into article_regions by name select distinct on (article_id, ordinal) * from stg_article_regions;
insert into article_elections by name select distinct on (article_id, ordinal) * from stg_article_elections;
insert into events by name select distinct on (event_id) * from stg_events;
insert into person_roles by name select distinct on (article_id, ordinal) * from stg_person_roles;
insert into quotes by name select distinct on (article_id, ordinal) * from stg_quotes;
insert into quantities by name select distinct on (article_id, ordinal) * from stg_quantities;
insert into candidate_results by name select distinct on (article_id, ordinal) * from stg_candidate_results;
