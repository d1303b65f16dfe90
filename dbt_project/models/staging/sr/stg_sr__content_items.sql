with

source as (
    select * from {{ source('sr', 'sr_content_items') }}
),

renamed as (
    select
        _record_id as record_id,
        _ingested_at as ingested_at,
        SOPInstanceUID as sop_instance_uid,
        StudyInstanceUID as study_instance_uid,
        ContentPosition as content_position,
        ParentPosition as parent_position,
        ContentDepth as content_depth,
        RelationshipType as relationship_type,
        ValueType as value_type,
        ConceptNameCodeValue as concept_code,
        ConceptNameCodingSchemeDesignator as concept_scheme,
        ConceptNameCodeMeaning as concept,
        TextValue as text_value,
        NumericValue as numeric_value,
        MeasurementUnitsCodeValue as units_code,
        ConceptCodeCodeValue as value_code,
        ConceptCodeCodeMeaning as value_meaning,
        {{ list_length('Oddities') }} as oddity_count
    from source
)

select * from renamed
