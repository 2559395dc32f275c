"""The lexicons are read with libyaml's loader where PyYAML has it: the same data as the pure Python one."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from dossier.text import lexicon

NAMES = sorted(
    p.name.removesuffix(".yaml")
    for p in resources.files("dossier.text").joinpath("lexicons").iterdir()
    if p.name.endswith(".yaml")
)


@pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="PyYAML without libyaml")
@pytest.mark.parametrize("name", NAMES)
def test_libyaml_reads_each_lexicon_as_the_python_loader_does(name: str) -> None:
    text = resources.files("dossier.text").joinpath("lexicons", f"{name}.yaml").read_text("utf-8")
    assert lexicon._SAFE_LOADER is yaml.CSafeLoader
    by_python = yaml.load(text, Loader=yaml.SafeLoader) or {}
    assert lexicon.load(name) == by_python
    assert repr(lexicon.load(name)) == repr(by_python)  # the same types too (1 and 1.0 are equal)
