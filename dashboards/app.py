"""Lantern's dashboards: the router and frame. Pages live in app_pages/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).parent / "app_pages"

st.set_page_config(page_title="Lantern", layout="wide")
navigation = st.navigation([st.Page(PAGES / "overview.py", title="Overview", default=True)])
navigation.run()
