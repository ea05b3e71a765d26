"""The tagger's training script never overwrites a model folder, the shipped one included."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parents[1] / "training" / "train_quote_tagger.py"


def test_training_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "meta.json").write_text("{}")
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "no-data"), "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "is not an empty folder" in done.stderr
    assert (tmp_path / "meta.json").read_text() == "{}"


def test_training_needs_an_output_folder(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2 and "--out" in done.stderr
