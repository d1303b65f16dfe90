-- Radiation dose per exam (study): the device's accumulated totals where its report gives
-- them, else the sum of its irradiation events; with the exam type its reference levels
-- are set for, from the study description (seed dose_exam_types).
with

totals as (
    {{ sr_current_rows('stg_sr__dose_totals') }}
),

events as (
    select * from {{ ref('dose_events') }}
),

studies as (
    select * from {{ ref('studies') }}
),

exam_types as (
    select * from {{ ref('dose_exam_types') }}
),

event_rollup as (
    select
        study_instance_uid,
        count(*) as event_count,
        max(ctdi_vol_mgy) as max_ctdi_vol_mgy,
        sum(dlp_mgy_cm) as events_dlp_mgy_cm,
        sum(dap_gy_cm2) as events_dap_gy_cm2
    from events
    group by study_instance_uid
),

total_rollup as (
    -- An exam may carry more than one dose report (two devices): their totals add up.
    select
        study_instance_uid,
        count(*) as dose_report_count,
        sum(dlp_total_mgy_cm) as dlp_total_mgy_cm,
        sum(dap_total_gy_cm2) as dap_total_gy_cm2,
        min(device_manufacturer) as device_manufacturer,
        min(device_model_name) as device_model_name,
        min(device_serial_number) as device_serial_number
    from totals
    group by study_instance_uid
),

final as (
    select
        total_rollup.study_instance_uid,
        studies.accession_pseudonym,
        studies.study_at,
        studies.primary_modality,
        studies.department_name,
        studies.institution_name,
        studies.study_description,
        exam_types.exam_type,
        total_rollup.device_manufacturer,
        total_rollup.device_model_name,
        total_rollup.device_serial_number,
        total_rollup.dose_report_count,
        coalesce(event_rollup.event_count, 0) as event_count,
        event_rollup.max_ctdi_vol_mgy,
        coalesce(total_rollup.dlp_total_mgy_cm, event_rollup.events_dlp_mgy_cm) as dlp_total_mgy_cm,
        coalesce(total_rollup.dap_total_gy_cm2, event_rollup.events_dap_gy_cm2) as dap_total_gy_cm2
    from total_rollup
    left join event_rollup
        on total_rollup.study_instance_uid = event_rollup.study_instance_uid
    left join studies
        on total_rollup.study_instance_uid = studies.study_instance_uid
    left join exam_types
        on upper(trim(studies.study_description)) = upper(trim(exam_types.study_description))
)

select * from final
