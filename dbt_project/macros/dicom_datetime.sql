{#- DICOM DA ('YYYYMMDD') and TM ('HHMMSS.FFFFFF', or a prefix of it) to SQL types.
    Malformed values become null rather than failing the build: real archives hold them. -#}

{% macro dicom_date(da) -%}
    {{ return(adapter.dispatch('dicom_date', 'lantern')(da)) }}
{%- endmacro %}

{% macro default__dicom_date(da) -%}
    cast(try_strptime({{ da }}, '%Y%m%d') as date)
{%- endmacro %}

{% macro spark__dicom_date(da) -%}
    to_date({{ da }}, 'yyyyMMdd')
{%- endmacro %}

{% macro dicom_datetime(da, tm) -%}
    {{ return(adapter.dispatch('dicom_datetime', 'lantern')(da, tm)) }}
{%- endmacro %}

{% macro default__dicom_datetime(da, tm) -%}
    try_strptime(
        {{ da }} || rpad(coalesce(split_part({{ tm }}, '.', 1), ''), 6, '0'),
        '%Y%m%d%H%M%S'
    )
{%- endmacro %}

{% macro spark__dicom_datetime(da, tm) -%}
    to_timestamp(
        concat({{ da }}, rpad(coalesce(split_part({{ tm }}, '.', 1), ''), 6, '0')),
        'yyyyMMddHHmmss'
    )
{%- endmacro %}
