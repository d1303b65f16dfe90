{#- The rows of a structured-report table that belong to each report's current landing
    (int_sr_documents_current): a report read again keeps only its latest rows. -#}
{% macro sr_current_rows(staging_model) -%}
    select rows.*
    from {{ ref(staging_model) }} as rows
    inner join {{ ref('int_sr_documents_current') }} as current_documents
        on
            rows.record_id = current_documents.record_id
            and rows.ingested_at = current_documents.ingested_at
{%- endmacro %}
