-- KPI 20: share of studies triaged (with at least one AI result), per month of the study.
with

studies as (
    select
        study_instance_uid,
        {{ dbt.date_trunc('month', 'study_at') }} as study_month
    from {{ ref('studies') }}
),

triaged as (
    select distinct study_instance_uid
    from {{ ref('ai_results') }}
),

final as (
    select
        studies.study_month,
        count(*) as studies,
        count(triaged.study_instance_uid) as triaged_studies,
        {{ percentage('count(triaged.study_instance_uid)', 'count(*)') }} as triaged_pct
    from studies
    left join triaged
        on studies.study_instance_uid = triaged.study_instance_uid
    group by studies.study_month
)

select * from final
