"""Built-in data: every `data/events/*.csv` is loaded into the store on first start.

Loading is content-addressed like any upload, so calling `ensure_builtin` on every
start is cheap once the files are in (one hash and one lookup per file) and a
changed file simply becomes a new dataset beside the old one.
"""

from __future__ import annotations

from pathlib import Path

from dashboard.store import Store, dataset_id_for

EVENTS_DIR = Path(__file__).resolve().parent.parent / "data" / "events"

# Names shown in the dataset picker; other files are named after their file stem.
BUILTIN_NAMES: dict[str, str] = {
    "ucdp_ged_syria.csv": "UCDP GED: Syria 2016–2019 (sample)",
    "articles.csv": "Example articles 2019–2024 (synthetic, written for this project)",
}


def builtin_files(events_dir: Path = EVENTS_DIR) -> list[Path]:
    return sorted(events_dir.glob("*.csv"))


def ensure_builtin(store: Store, events_dir: Path = EVENTS_DIR) -> list[str]:
    """Load each built-in CSV once; return their dataset ids (in file-name order).

    A file the importer rejects whole is skipped (nothing to show), and so missing
    from the returned ids.
    """
    ids: list[str] = []
    for path in builtin_files(events_dir):
        data = path.read_bytes()
        dataset_id = dataset_id_for(data)
        if store.get_dataset(dataset_id) is None:
            result = store.add_dataset(data, path.name, name=BUILTIN_NAMES.get(path.name, path.stem),
                                       kind="builtin")
            if result.dataset_id is None:
                continue
        ids.append(dataset_id)
    return ids
