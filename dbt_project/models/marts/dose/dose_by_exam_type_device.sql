-- KPI 11: median CTDIvol, DLP and DAP per exam type and device, against the reference
-- levels (a DRL is compared with a device's median, as national DRL surveys do).
with

exams as (
    select * from {{ ref('dose_exams') }}
    where exam_type is not null
),

per_device as (
    select
        exam_type,
        exam_name,
        device_manufacturer,
        device_model_name,
        device_serial_number,
        count(*) as exam_count,
        percentile_cont(0.5) within group (order by max_ctdi_vol_mgy) as median_ctdi_vol_mgy,
        percentile_cont(0.5) within group (order by dlp_total_mgy_cm) as median_dlp_mgy_cm,
        percentile_cont(0.5) within group (order by dap_total_gy_cm2) as median_dap_gy_cm2,
        min(ctdi_vol_reference_mgy) as ctdi_vol_reference_mgy,
        min(dlp_reference_mgy_cm) as dlp_reference_mgy_cm,
        min(dap_reference_gy_cm2) as dap_reference_gy_cm2,
        {{ count_if('is_above_reference_level') }} as exams_above_reference_level,
        {{ count_if('is_above_alert_level') }} as exams_above_alert_level
    from exams
    group by
        exam_type, exam_name, device_manufacturer, device_model_name, device_serial_number
),

final as (
    select
        *,
        coalesce(median_ctdi_vol_mgy > ctdi_vol_reference_mgy, false)
        or coalesce(median_dlp_mgy_cm > dlp_reference_mgy_cm, false)
        or coalesce(median_dap_gy_cm2 > dap_reference_gy_cm2, false)
            as is_median_above_reference_level
    from per_device
)

select * from final
