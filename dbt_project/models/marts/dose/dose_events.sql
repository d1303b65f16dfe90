-- One row per irradiation event of a CT or projection X-ray radiation dose report.
with

events as (
    {{ sr_current_rows('stg_sr__dose_events') }}
),

final as (
    select
        sop_instance_uid || ':' || event_position as dose_event_id,
        sop_instance_uid,
        study_instance_uid,
        template_identifier,
        irradiation_event_uid,
        event_datetime_text,
        irradiation_event_type,
        acquisition_type,
        acquisition_protocol,
        target_region,
        ctdi_vol_mgy,
        dlp_mgy_cm,
        phantom_type,
        scanning_length_mm,
        dap_gy_cm2,
        dose_rp_gy,
        kvp,
        tube_current_ma,
        exposure_time_ms,
        exposure_uas,
        device_manufacturer,
        device_model_name,
        device_serial_number,
        oddity_count
    from events
)

select * from final
