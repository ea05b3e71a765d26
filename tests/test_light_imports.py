"""Reading a store must not pay for the NLP stack: the CLI, the web app and the query API import without spaCy."""

import subprocess
import sys

import pytest

CHECK = "import sys, {module}; sys.exit(1 if 'spacy' in sys.modules else 0)"


@pytest.mark.parametrize("module", ["newsline", "newsline.cli", "newsline.web.app", "newsline.query",
                                    "newsline.stories.query", "newsline.store.postgres"])
def test_read_only_paths_do_not_import_spacy(module: str) -> None:
    done = subprocess.run([sys.executable, "-c", CHECK.format(module=module)], capture_output=True, text=True)
    assert done.returncode == 0, f"importing {module} imported spaCy\n{done.stderr}"


def test_the_analysis_is_still_one_attribute_away() -> None:
    done = subprocess.run([sys.executable, "-c", "import newsline; print(newsline.Analyzer.__module__)"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "newsline.analysis.pipeline"
