"""config.toml: fail-soft loading, and updates that keep the user's comments."""

from __future__ import annotations

from pathlib import Path

from tolk import paths
from tolk.config import QaSettings, load_config, save_setting
from tolk.qa.checks import LOW_CONFIDENCE


def write_config(text: str) -> Path:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_missing_file_means_defaults() -> None:
    loaded = load_config()
    assert loaded.warnings == ()
    assert loaded.config.translation.beam_size == 4


def test_values_are_read() -> None:
    write_config(
        'library = ["~/news"]\ntheme = "nord"\n[keys]\nsidebar = "f2"\n'
        "[translation]\nbeam_size = 2\nthreads = 1\nprefetch_next = false\n"
    )
    config = load_config().config
    assert config.library == (Path("~/news").expanduser(),)
    assert config.theme == "nord"
    assert config.keys == {"sidebar": "f2"}
    assert (config.translation.beam_size, config.translation.threads) == (2, 1)
    assert config.translation.prefetch_next is False


def test_idle_pretranslation_is_chosen_and_a_wrong_mode_named() -> None:
    assert load_config().config.translation.pretranslate == "off"
    write_config('[translation]\npretranslate = "idle"\n')
    assert load_config().config.translation.pretranslate == "idle"
    path = write_config('[translation]\npretranslate = "always"\n')
    loaded = load_config()
    assert loaded.config.translation.pretranslate == "off"
    assert loaded.warnings == (
        f'{path}: `translation.pretranslate` must be "off" or "idle"; ignored',
    )


def test_broken_file_names_file_and_line_and_is_kept() -> None:
    text = "# comment\ntheme = nord\nlibrary = []\n"
    path = write_config(text)
    loaded = load_config()
    assert loaded.config.theme is None
    assert len(loaded.warnings) == 1
    assert str(path) in loaded.warnings[0] and "line 2" in loaded.warnings[0]
    assert path.read_text() == text


def test_wrong_types_are_ignored_with_a_warning() -> None:
    write_config('theme = 3\n[translation]\nbeam_size = "big"\n')
    loaded = load_config()
    assert loaded.config.theme is None
    assert loaded.config.translation.beam_size == 4
    assert len(loaded.warnings) == 2


def test_save_setting_keeps_comments_and_tables() -> None:
    path = write_config('# my library\nlibrary = ["~/news"]  # keep me\n\n[keys]\nsidebar = "f2"\n')
    save_setting("theme", "gruvbox")
    text = path.read_text()
    assert "# my library" in text and "# keep me" in text
    config = load_config().config
    assert config.theme == "gruvbox"
    assert config.keys == {"sidebar": "f2"}
    save_setting("theme", "nord")
    assert load_config().config.theme == "nord"
    assert list(path.parent.glob(".*tmp")) == []


def test_broken_file_at_end_names_the_last_line() -> None:
    write_config('theme = "nord"\nlibrary = [\n')
    assert "line 3" in load_config().warnings[0]


def test_misspelt_settings_are_reported_with_the_nearest_name() -> None:
    write_config('libary = ["~/news"]\nkeyowrds = ["x"]\n[translation]\nbeam = 2\nthreads = 2\n')
    loaded = load_config()
    assert loaded.config.library == () and loaded.config.translation.threads == 2
    path = paths.config_file()
    assert loaded.warnings == (
        f"{path}: unknown setting `libary` (did you mean `library`?); ignored",
        f"{path}: unknown setting `keyowrds` (did you mean `keywords`?); ignored",
        f"{path}: unknown setting `translation.beam` (did you mean `beam_size`?); ignored",
    )


def test_qa_settings_are_read_and_checked() -> None:
    write_config('[qa]\nignore = ["length", "names", "length"]\nlow_confidence = 0.25\n')
    loaded = load_config()
    assert loaded.warnings == ()
    assert loaded.config.qa == QaSettings(ignore=("length", "names"), low_confidence=0.25)
    path = write_config('[qa]\nignore = "length"\nlow_confidence = 2\nignor = []\n')
    loaded = load_config()
    assert loaded.config.qa == QaSettings(ignore=("length",))
    assert loaded.warnings == (
        f"{path}: unknown setting `qa.ignor` (did you mean `ignore`?); ignored",
        f"{path}: `qa.low_confidence` is not a number from 0 to 1; ignored",
    )
    write_config("[qa]\nignore = [3]\nlow_confidence = true\n")
    loaded = load_config()
    assert loaded.config.qa == QaSettings() and len(loaded.warnings) == 2


def test_the_default_confidence_threshold_is_the_checks() -> None:
    assert QaSettings().low_confidence == LOW_CONFIDENCE
