{#- Rows where a boolean expression is true (count_if exists in DuckDB and Spark; this
    keeps one spelling should another engine need another). A bigint, not DuckDB's hugeint,
    so that readers get integers. -#}
{% macro count_if(condition) -%}
    cast(count_if({{ condition }}) as bigint)
{%- endmacro %}
