"""The reference for ``autoproces check``: load every process file with PyYAML's C loader, nothing else.

    python benchmarks/yaml_load.py processes/

Reads and parses each ``*.yaml`` file under the folder with ``yaml.CSafeLoader`` (libyaml) and prints
how many it loaded. What a check cannot go below: reading and parsing the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def load_all(folder: Path) -> int:
    count = 0
    for path in sorted(folder.rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        count += 1
    return count


if __name__ == "__main__":
    print(load_all(Path(sys.argv[1])))
