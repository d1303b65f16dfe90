{#- Number of elements of a list column, 0 for null. -#}
{% macro list_length(column) -%}
    {{ return(adapter.dispatch('list_length', 'lantern')(column)) }}
{%- endmacro %}

{% macro default__list_length(column) -%}
    coalesce(len({{ column }}), 0)
{%- endmacro %}

{% macro spark__list_length(column) -%}
    coalesce(size({{ column }}), 0)
{%- endmacro %}
