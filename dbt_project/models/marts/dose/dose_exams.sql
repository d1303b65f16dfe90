-- KPI 11: each exam's dose against the diagnostic reference levels (DRL) and alert
-- levels of its exam type. An exam is above its DRL when any metric with a level is:
-- the largest CTDIvol of its events (a CT DRL is set per sequence), its total DLP, or
-- its total DAP.
with

exams as (
    select * from {{ ref('int_dose_exams_rolled_up') }}
),

reference_levels as (
    select * from {{ ref('dose_reference_levels') }}
),

levels as (
    select
        exam_type,
        min(exam_name) as exam_name,
        max(case when metric = 'ctdi_vol_mgy' then reference_level end) as ctdi_vol_reference_mgy,
        max(case when metric = 'ctdi_vol_mgy' then alert_level end) as ctdi_vol_alert_mgy,
        max(case when metric = 'dlp_mgy_cm' then reference_level end) as dlp_reference_mgy_cm,
        max(case when metric = 'dlp_mgy_cm' then alert_level end) as dlp_alert_mgy_cm,
        max(case when metric = 'dap_gy_cm2' then reference_level end) as dap_reference_gy_cm2,
        max(case when metric = 'dap_gy_cm2' then alert_level end) as dap_alert_gy_cm2
    from reference_levels
    group by exam_type
),

compared as (
    select
        exams.*,
        levels.exam_name,
        levels.ctdi_vol_reference_mgy,
        levels.ctdi_vol_alert_mgy,
        levels.dlp_reference_mgy_cm,
        levels.dlp_alert_mgy_cm,
        levels.dap_reference_gy_cm2,
        levels.dap_alert_gy_cm2,
        levels.exam_type is not null as has_reference_level,
        coalesce(exams.max_ctdi_vol_mgy > levels.ctdi_vol_reference_mgy, false)
        or coalesce(exams.dlp_total_mgy_cm > levels.dlp_reference_mgy_cm, false)
        or coalesce(exams.dap_total_gy_cm2 > levels.dap_reference_gy_cm2, false)
            as is_above_reference_level,
        coalesce(exams.max_ctdi_vol_mgy > levels.ctdi_vol_alert_mgy, false)
        or coalesce(exams.dlp_total_mgy_cm > levels.dlp_alert_mgy_cm, false)
        or coalesce(exams.dap_total_gy_cm2 > levels.dap_alert_gy_cm2, false) as is_above_alert_level
    from exams
    left join levels
        on exams.exam_type = levels.exam_type
)

select * from compared
