"""Small chart builders shared by the pages (Altair), and a chart-with-download frame."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st


def bar_by_category(frame: pd.DataFrame, category: str, value: str, value_title: str) -> alt.Chart:
    """Horizontal bars, largest first, with the value in the tooltip."""
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format="~s", tickMinStep=1)),
            y=alt.Y(f"{category}:N", sort="-x", title=None),
            tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{value}:Q", format=",")],
        )
    )


def show_chart(title: str, chart: alt.Chart, frame: pd.DataFrame, key: str) -> None:
    """A titled chart with its data downloadable as CSV."""
    st.subheader(title)
    st.altair_chart(chart, width="stretch")
    st.download_button(
        "Download data (CSV)",
        frame.to_csv(index=False).encode(),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"download-{key}",
    )


def human_bytes(count: int) -> str:
    size = float(count)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size:,.1f} {unit}" if unit != "B" else f"{int(size):,} B"
        size /= 1024
    return f"{size:,.1f} PB"
