with

instances as (
    select * from {{ ref('int_instances_deduplicated') }}
),

final as (
    select
        sop_instance_uid,
        sop_class_uid,
        series_instance_uid,
        study_instance_uid,
        patient_pseudonym,
        accession_pseudonym,
        modality,
        study_date,
        study_at,
        series_at,
        study_description,
        body_part_examined,
        series_description,
        institution_name,
        department_name,
        station_name,
        manufacturer,
        manufacturer_model_name,
        device_serial_number,
        transfer_syntax_uid,
        pixel_rows,
        pixel_columns,
        number_of_frames,
        bits_allocated,
        is_lossy_compressed,
        has_burned_in_annotation,
        size_bytes,
        file_count,
        missing_required_attributes,
        ingested_at
    from instances
)

select * from final
