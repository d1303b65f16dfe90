with

documents as (
    select * from {{ ref('int_sr_documents_current') }}
),

kinds as (
    select * from {{ ref('sr_document_kinds') }}
),

final as (
    select
        documents.sop_instance_uid,
        documents.study_instance_uid,
        documents.series_instance_uid,
        documents.sop_class_uid,
        coalesce(kinds.sop_class_name, 'Other') as sop_class_name,
        coalesce(kinds.document_kind, 'other') as document_kind,
        documents.template_identifier,
        documents.title,
        documents.completion_flag,
        documents.verification_flag,
        documents.content_at,
        documents.content_item_count,
        documents.oddity_count,
        documents.ingested_at
    from documents
    left join kinds
        on documents.sop_class_uid = kinds.sop_class_uid
)

select * from final
