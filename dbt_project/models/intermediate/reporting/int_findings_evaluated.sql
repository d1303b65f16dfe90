-- Each finding with what its qualitative evaluations and measurements say: present or
-- absent (Presence, SCT 705057003; a finding reported without one is present), flagged
-- critical (a Priority evaluation, SCT 260870009, such as an ACR actionable category),
-- and its first measurement.
with

findings as (
    select * from {{ ref('findings') }}
),

measurements as (
    select * from {{ ref('finding_measurements') }}
),

evaluations as (
    select
        finding_id,
        max(case when concept_code = '705057003' then value_code end) as presence_code,
        {{ count_if("concept_code = '260870009'") }} > 0 as is_flagged_critical
    from measurements
    where value_type = 'CODE'
    group by finding_id
),

first_measurements as (
    select
        finding_id,
        numeric_value,
        units_code
    from measurements
    where value_type = 'NUM'
    qualify row_number() over (partition by finding_id order by measurement_id) = 1
),

reports as (
    select
        sop_instance_uid,
        content_at
    from {{ ref('structured_reports') }}
),

final as (
    select
        findings.*,
        reports.content_at as reported_at,
        -- Absent (SCT 272519000) is the only presence value that makes a finding absent.
        coalesce(evaluations.presence_code, '') != '272519000' as is_present,
        coalesce(evaluations.is_flagged_critical, false) as is_flagged_critical,
        first_measurements.numeric_value as measured_value,
        first_measurements.units_code as measured_units_code
    from findings
    left join evaluations
        on findings.finding_id = evaluations.finding_id
    left join first_measurements
        on findings.finding_id = first_measurements.finding_id
    left join reports
        on findings.sop_instance_uid = reports.sop_instance_uid
)

select * from final
