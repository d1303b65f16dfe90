"""Date windows and the resumable checkpoint of the DICOMweb source.

A run is a plan: StudyDate windows from `since` to `until`, searched one after the other.
The checkpoint (a small JSON file per archive under the state directory) holds the plan
and how many of its windows are done; a journal beside it lists the studies finished in
the current window. A run that stops, killed or because the archive went away, is resumed
by the next run with the same arguments or none: finished windows and studies are not
searched or fetched again.

When a plan finishes, its `until` becomes the archive's frontier, and a run without
`since` starts there: the frontier day itself is searched again, since studies keep
arriving for the day that was current. The first run, with no frontier yet, sweeps every
study whatever its date, undated ones included.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

CHECKPOINT_DIR = "dicomweb"
JOURNAL_SUFFIX = ".studies"


@dataclass(frozen=True)
class Window:
    """Studies dated first..last (either end open when None); both None is every study."""

    first: date | None
    last: date | None

    @property
    def study_date(self) -> str | None:
        """The QIDO-RS StudyDate range matching this window (PS3.4 C.2.2.2.5)."""
        if self.first is None and self.last is None:
            return None
        return f"{_dicom_date(self.first)}-{_dicom_date(self.last)}"

    @property
    def key(self) -> str:
        return self.study_date or "all"


@dataclass(frozen=True)
class Plan:
    since: date | None
    until: date | None
    window_days: int

    def windows(self) -> list[Window]:
        if self.since is None:
            return [Window(None, self.until)]
        last = self.until or self.since
        windows, first = [], self.since
        while first <= last:
            end = min(first + timedelta(days=self.window_days - 1), last)
            windows.append(Window(first, end))
            first = end + timedelta(days=1)
        return windows


@dataclass
class State:
    plan: Plan | None = None
    windows_done: int = 0
    frontier: date | None = None


class Checkpoint:
    """The progress of one archive's ingest, kept in `<state_dir>/dicomweb/<archive>.json`."""

    def __init__(self, state_dir: Path, url: str) -> None:
        name = hashlib.sha256(url.encode()).hexdigest()[:16]
        self.path = state_dir / CHECKPOINT_DIR / f"{name}.json"
        self.url = url
        self.state = self._load()

    def plan(self, since: date | None, until: date | None, today: date, window_days: int) -> Plan:
        """Resume the unfinished plan when asked for it (or nothing), else start a new one."""
        if window_days < 1:
            raise ValueError(f"a window spans at least one day, not {window_days}")
        unfinished = self.state.plan
        if unfinished is not None and (since, until) in ((None, None), (unfinished.since, unfinished.until)):
            return unfinished
        if since is None and self.state.frontier is not None:
            # A frontier past the end asked for (a plan that ran into the future) starts at the end.
            since = min(self.state.frontier, until or today)
        # The first sweep is open-ended unless bounded by the caller: it must find undated studies too.
        plan = Plan(since, until if since is None else until or today, window_days)
        if plan.since is not None and plan.until is not None and plan.since > plan.until:
            raise ValueError(f"nothing to search: {plan.since} is after {plan.until}")
        # Journals of an abandoned plan would make a new plan skip studies it has not seen.
        for journal in self.path.parent.glob(f"{self.path.stem}.*{JOURNAL_SUFFIX}"):
            journal.unlink()
        self.state.plan, self.state.windows_done = plan, 0
        self._save()
        return plan

    def studies_done(self, window: Window) -> set[str]:
        journal = self._journal(window)
        return set(journal.read_text().split()) if journal.exists() else set()

    def record_studies(self, window: Window, study_uids: Iterable[str]) -> None:
        """Append finished studies to the window's journal, durably: their rows are landed."""
        lines = "".join(f"{uid}\n" for uid in study_uids)
        if not lines:
            return
        journal = self._journal(window)
        journal.parent.mkdir(parents=True, exist_ok=True)
        with journal.open("a") as handle:
            handle.write(lines)
            handle.flush()
            os.fsync(handle.fileno())

    def pending_windows(self, plan: Plan) -> list[Window]:
        return plan.windows()[self.state.windows_done :]

    def finish_window(self, plan: Plan, window: Window, today: date) -> None:
        """Count the window done; when it is the plan's last, move the frontier to its end."""
        self.state.windows_done += 1
        if self.state.windows_done == len(plan.windows()):
            self.state.frontier = max(filter(None, (self.state.frontier, plan.until or today)))
            self.state.plan, self.state.windows_done = None, 0
        self._save()
        self._journal(window).unlink(missing_ok=True)

    def _journal(self, window: Window) -> Path:
        return self.path.with_name(f"{self.path.stem}.{window.key}{JOURNAL_SUFFIX}")

    def _load(self) -> State:
        if not self.path.exists():
            return State()
        saved = json.loads(self.path.read_text())
        plan = saved.get("plan")
        return State(
            plan=Plan(_date(plan["since"]), _date(plan["until"]), plan["window_days"]) if plan else None,
            windows_done=saved.get("windows_done", 0),
            frontier=_date(saved.get("frontier")),
        )

    def _save(self) -> None:
        plan = self.state.plan
        saved = {
            "url": self.url,
            "frontier": _iso(self.state.frontier),
            "plan": {**asdict(plan), "since": _iso(plan.since), "until": _iso(plan.until)} if plan else None,
            "windows_done": self.state.windows_done,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        temporary.write_text(json.dumps(saved, indent=2))
        os.replace(temporary, self.path)


def _dicom_date(day: date | None) -> str:
    return day.strftime("%Y%m%d") if day else ""


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
