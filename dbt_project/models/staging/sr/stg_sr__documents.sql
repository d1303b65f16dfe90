with

source as (
    select * from {{ source('sr', 'sr_documents') }}
),

renamed as (
    select
        _record_id as record_id,
        _ingested_at as ingested_at,
        SOPInstanceUID as sop_instance_uid,
        StudyInstanceUID as study_instance_uid,
        SeriesInstanceUID as series_instance_uid,
        SOPClassUID as sop_class_uid,
        TemplateIdentifier as template_identifier,
        MappingResource as mapping_resource,
        ConceptNameCodeValue as title_code,
        ConceptNameCodingSchemeDesignator as title_scheme,
        ConceptNameCodeMeaning as title,
        CompletionFlag as completion_flag,
        VerificationFlag as verification_flag,
        {{ dicom_datetime('ContentDate', 'ContentTime') }} as content_at,
        ContentItemCount as content_item_count,
        {{ list_length('Oddities') }} as oddity_count
    from source
)

select * from renamed
