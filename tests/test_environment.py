"""L'ensemble figé de requirements.txt s'importe ensemble (le piège protobuf de tensorflowjs)."""

import re
from importlib import metadata
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"


def pins():
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s#]+)", line)
        if match:
            yield match.group(1), match.group(2)


def test_installed_versions_are_the_pinned_ones():
    wrong = {name: (version, metadata.version(name)) for name, version in pins()
             if metadata.version(name) != version}
    assert not wrong, f"versions installées ≠ versions figées : {wrong}"


def test_tensorflowjs_imports_with_legacy_keras():
    import tensorflowjs  # noqa: F401  (échouait avec « incompatible Protobuf Gencode/Runtime »)
    import tf_keras

    assert tf_keras.__version__.startswith("2.")
