-- KPI 20: each AI result (a finding reported by a device) against the radiologist's
-- coded findings for the same study. A study is compared when a person reported coded
-- findings for it; the AI result then agrees when both say the finding type is present
-- (TP) or both say absent (TN).
with

evaluated as (
    select * from {{ ref('int_findings_evaluated') }}
),

ai as (
    select * from evaluated
    where is_from_device
),

radiologist as (
    select
        study_instance_uid,
        finding_type_code,
        max(case when is_present then 1 else 0 end) = 1 as is_present
    from evaluated
    where not is_from_device
    group by study_instance_uid, finding_type_code
),

coded_studies as (
    select distinct study_instance_uid
    from evaluated
    where not is_from_device
),

compared as (
    select
        ai.finding_id,
        ai.sop_instance_uid,
        ai.study_instance_uid,
        ai.accession_pseudonym,
        ai.primary_modality,
        ai.department_name,
        ai.algorithm_name,
        ai.algorithm_version,
        ai.observer_device_name,
        ai.observer_manufacturer,
        ai.finding_type_code,
        ai.finding_type,
        ai.reported_at as result_at,
        {{ dbt.date_trunc('month', 'ai.reported_at') }} as result_month,
        ai.is_present as ai_present,
        ai.is_flagged_critical as ai_flagged_critical,
        ai.measured_value as ai_measured_value,
        ai.measured_units_code as ai_measured_units_code,
        coded_studies.study_instance_uid is not null as is_compared,
        case
            when coded_studies.study_instance_uid is not null
                then coalesce(radiologist.is_present, false)
        end as radiologist_present
    from ai
    left join coded_studies
        on ai.study_instance_uid = coded_studies.study_instance_uid
    left join radiologist
        on
            ai.study_instance_uid = radiologist.study_instance_uid
            and ai.finding_type_code = radiologist.finding_type_code
),

final as (
    select
        *,
        case
            when not is_compared then null
            when ai_present and radiologist_present then 'TP'
            when ai_present then 'FP'
            when radiologist_present then 'FN'
            else 'TN'
        end as outcome,
        case when is_compared then ai_present = radiologist_present end as is_agreement
    from compared
)

select * from final
