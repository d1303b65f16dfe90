{#- Use custom schema names as they are (staging, intermediate) instead of dbt's
    <target>_<custom> default, and keep marts in the target's own schema. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
