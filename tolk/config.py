"""`config.toml`: loaded fail-soft (a broken file means defaults and a warning, never a crash)
and updated in place without losing the user's comments or other settings."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tolk import paths
from translation.cores import usable_cores  # the one count the model's layout splits

if TYPE_CHECKING:
    import tomllib

    from tomlkit import TOMLDocument

SettingValue = str | int | bool | list[str] | dict[str, str]


# Records without a mutable default are named tuples: this module is imported on the way to the
# first title, where a frozen dataclass costs ~1 ms to make and a named tuple a fifth of that.


@dataclass(frozen=True)
class TranslationSettings:
    """How the model decodes. The defaults use the machine's cores."""

    beam_size: int = 4
    # Every core this process may use; translation.model.thread_layout splits them.
    threads: int = field(default_factory=usable_cores)
    compute_type: str = "int8"
    # Translate the next articles in the list while the user reads the current one.
    prefetch_next: bool = True
    # "idle": translate the whole library into the cache while the user does nothing; "off".
    pretranslate: str = "off"


PRETRANSLATE_MODES = ("off", "idle")


class FeedSource(NamedTuple):
    """A feed to fetch: its URL, and the name to show (else the feed's own title);
    `category`: the folder it sits in, nested folders joined by "/" ("Nyheter/Norge"), as an
    OPML file had it (kept for `tolk feeds export`)."""

    url: str
    name: str | None = None
    category: str | None = None


class QaSettings(NamedTuple):
    """Which QA checks count (`[qa]`): every code but `ignore`, and the model confidence
    below which a sentence needs a look. The codes are checked against the checks where they
    are used (`tolk.qa.checking`): this layer knows no checks."""

    ignore: tuple[str, ...] = ()
    # Words the `spelling` check accepts as English (names, terms, new words).
    accept: tuple[str, ...] = ()
    # Uncalibrated: a first guess for OPUS-MT models (tolk.qa.checks.LOW_CONFIDENCE), until
    # measured on the real model.
    low_confidence: float = 0.4


@dataclass(frozen=True)
class Config:
    """Everything tolk reads from `config.toml`."""

    library: tuple[Path, ...] = ()
    theme: str | None = None
    # Binding id -> comma-separated keys, handed to Textual's keymap.
    keys: dict[str, str] = field(default_factory=dict)
    translation: TranslationSettings = field(default_factory=TranslationSettings)
    # Topics followed across articles, highlighted in both columns.
    keywords: tuple[str, ...] = ()
    # keyword -> English renderings to highlight besides the model's own translation.
    keyword_translations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # keyword -> colour name (one of KEYWORD_COLOURS); unset ones take the next free colour.
    keyword_colours: dict[str, str] = field(default_factory=dict)
    # RSS, Atom or RDF feeds that `tolk fetch` reads, in order.
    feeds: tuple[FeedSource, ...] = ()
    qa: QaSettings = field(default_factory=QaSettings)


class LoadedConfig(NamedTuple):
    """A config and what was wrong with the file it came from, for the user to see."""

    config: Config
    warnings: tuple[str, ...] = ()

    @classmethod
    def defaults(cls) -> LoadedConfig:
        """The built-in defaults, ignoring any config.toml."""
        return cls(Config())


def load_config(path: Path | None = None) -> LoadedConfig:
    """Read `config.toml`; a missing file is the defaults, a broken one the defaults plus a
    warning naming the file and line. The file itself is never changed here."""
    path = path or paths.config_file()
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return LoadedConfig(Config())
    except (OSError, UnicodeDecodeError) as error:
        return LoadedConfig(Config(), (f"{path}: cannot read ({error}); using defaults",))
    import tomllib  # here, not at the top: without a config.toml, a start does without it

    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        return LoadedConfig(Config(), (_toml_error_message(path, raw, error),))
    warnings: list[str] = []
    config = _config_from(data, path, warnings)
    return LoadedConfig(config, tuple(warnings))


def _toml_error_message(path: Path, raw: str, error: tomllib.TOMLDecodeError) -> str:
    # Python 3.11's TOMLDecodeError has no line attribute; its message ends "(at line N, ...)"
    # or "(at end of document)".
    message = str(error)
    located = re.search(r"\(at line (\d+), column \d+\)$", message)
    line = int(located[1]) if located else raw.count("\n") + 1
    reason = re.sub(r"\s*\(at [^)]*\)$", "", message)
    return f"{path}, line {line}: {reason}; using defaults (the file is left as it is)"


# The settings config.toml may hold; anything else is reported with the nearest of these.
TOP_LEVEL_SETTINGS = (
    "library",
    "theme",
    "keys",
    "translation",
    "keywords",
    "keyword_translations",
    "keyword_colours",
    "feeds",
    "qa",
)
TRANSLATION_SETTINGS = ("beam_size", "threads", "compute_type", "prefetch_next", "pretranslate")
QA_SETTINGS = ("accept", "ignore", "low_confidence")


def nearest(name: str, known: Iterable[str]) -> str:
    """`` (did you mean `x`?)`` for the known name closest to a misspelt `name`, or ""."""
    import difflib

    found = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean `{found[0]}`?)" if found else ""


def _report_unknown(
    table: dict[str, Any], known: tuple[str, ...], where: str, path: Path, warnings: list[str]
) -> None:
    for name in table:
        if name not in known:
            warnings.append(
                f"{path}: unknown setting `{where}{name}`{nearest(name, known)}; ignored"
            )


def _config_from(data: dict[str, Any], path: Path, warnings: list[str]) -> Config:
    def typed(table: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
        value = table.get(key)
        if value is None:
            return None
        # bool is an int in Python; a beam size of `true` is still a mistake.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            warnings.append(f"{path}: `{where}{key}` has the wrong type; ignored")
            return None
        return value

    _report_unknown(data, TOP_LEVEL_SETTINGS, "", path, warnings)
    if isinstance(data.get("translation"), dict):
        _report_unknown(data["translation"], TRANSLATION_SETTINGS, "translation.", path, warnings)
    if isinstance(data.get("qa"), dict):
        _report_unknown(data["qa"], QA_SETTINGS, "qa.", path, warnings)
    library_value = typed(data, "library", (list, str), "")
    if isinstance(library_value, str):
        library_value = [library_value]
    library = tuple(Path(str(item)).expanduser() for item in library_value or ())
    keys_table = typed(data, "keys", dict, "") or {}
    keys = {str(k): str(v) for k, v in keys_table.items() if isinstance(v, str)}
    tr_table = typed(data, "translation", dict, "") or {}
    defaults = TranslationSettings()
    beam = typed(tr_table, "beam_size", int, "translation.")
    threads = typed(tr_table, "threads", int, "translation.")
    compute = typed(tr_table, "compute_type", str, "translation.")
    prefetch = typed(tr_table, "prefetch_next", bool, "translation.")
    pretranslate = typed(tr_table, "pretranslate", str, "translation.")
    if pretranslate is not None and pretranslate not in PRETRANSLATE_MODES:
        modes = " or ".join(f'"{mode}"' for mode in PRETRANSLATE_MODES)
        warnings.append(f"{path}: `translation.pretranslate` must be {modes}; ignored")
        pretranslate = None
    translation = TranslationSettings(
        beam_size=max(1, beam) if beam else defaults.beam_size,
        threads=max(1, threads) if threads else defaults.threads,
        compute_type=compute or defaults.compute_type,
        prefetch_next=defaults.prefetch_next if prefetch is None else prefetch,
        pretranslate=pretranslate or defaults.pretranslate,
    )
    keyword_list = typed(data, "keywords", list, "") or []
    keywords = tuple(dict.fromkeys(str(k).strip() for k in keyword_list if str(k).strip()))
    renderings_table = typed(data, "keyword_translations", dict, "") or {}
    renderings = {
        str(k): tuple(str(v) for v in (vs if isinstance(vs, list) else [vs]))
        for k, vs in renderings_table.items()
    }
    colours_table = typed(data, "keyword_colours", dict, "") or {}
    colours = {str(k): str(v) for k, v in colours_table.items() if isinstance(v, str)}
    return Config(
        feeds=_feeds_from(typed(data, "feeds", list, ""), path, warnings),
        library=library,
        theme=typed(data, "theme", str, ""),
        keys=keys,
        translation=translation,
        keywords=keywords,
        keyword_translations=renderings,
        keyword_colours=colours,
        qa=_qa_from(typed(data, "qa", dict, "") or {}, path, warnings),
    )


def _qa_from(table: dict[str, Any], path: Path, warnings: list[str]) -> QaSettings:
    """`[qa]`: `ignore = ["length", ...]` (check codes) and `low_confidence = 0.4` (0-1)."""
    defaults = QaSettings()
    ignore = table.get("ignore", [])
    if isinstance(ignore, str):
        ignore = [ignore]
    if not isinstance(ignore, list) or not all(isinstance(code, str) for code in ignore):
        warnings.append(f"{path}: `qa.ignore` is not a list of check codes; ignored")
        ignore = []
    threshold = table.get("low_confidence", defaults.low_confidence)
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not 0 <= threshold <= 1
    ):
        warnings.append(f"{path}: `qa.low_confidence` is not a number from 0 to 1; ignored")
        threshold = defaults.low_confidence
    codes = tuple(dict.fromkeys(code.strip() for code in ignore if code.strip()))
    accept = table.get("accept", [])
    if not isinstance(accept, list):
        warnings.append(f"{path}: `qa.accept` is not a list of words; ignored")
        accept = []
    words = tuple(dict.fromkeys(str(word).strip() for word in accept if str(word).strip()))
    return QaSettings(ignore=codes, accept=words, low_confidence=float(threshold))


def _feeds_from(
    entries: list[Any] | None, path: Path, warnings: list[str]
) -> tuple[FeedSource, ...]:
    """`feeds = ["https://…", {url = "https://…", name = "NRK", category = "Nyheter"}]`; a bad
    entry is skipped.

    A URL listed twice is fetched once, where it is first listed; an entry with a name wins
    over one without, and of two names the first."""
    feeds: dict[str, FeedSource] = {}
    for number, entry in enumerate(entries or (), start=1):
        url, name, category = (entry, None, None) if isinstance(entry, str) else (None, None, None)
        if isinstance(entry, dict):
            url, name, category = entry.get("url"), entry.get("name"), entry.get("category")
        if (
            not isinstance(url, str)
            or not url.strip()
            or not isinstance(name, str | None)
            or not isinstance(category, str | None)
        ):
            warnings.append(
                f"{path}: `feeds` entry {number} is not a URL or {{url, name, category}}; ignored"
            )
            continue
        url = url.strip()
        source = FeedSource(url, _stripped(name), _stripped(category))
        if url not in feeds or feeds[url].name is None:
            feeds[url] = source
    return tuple(feeds.values())


def _stripped(text: str | None) -> str | None:
    return text.strip() or None if text else None


def save_setting(key: str, value: SettingValue, path: Path | None = None) -> None:
    """Set one top-level `key` in `config.toml`, keeping every comment and other setting.

    Raises OSError when the file cannot be written, and ValueError when the file is not valid
    TOML (it is left as it is rather than overwritten).
    """
    import tomlkit  # 50 ms to import: only when a setting is saved, not as the reader starts

    document, target = config_document(path)
    document[key] = value
    write_atomically(target, tomlkit.dumps(document))


def config_document(path: Path | None = None) -> tuple[TOMLDocument, Path]:
    """`config.toml` (or `path`) as a tomlkit document to change and write back with
    `write_atomically`, and the file to write it to: a config.toml that is a link (into a
    dotfiles repository) stays one, and the file it points to is written. No file yet is an
    empty document.

    Raises OSError when the file cannot be read, and ValueError when it is not valid TOML."""
    import tomlkit

    path = path or paths.config_file()
    try:
        target = path.resolve(strict=True) if path.is_symlink() else path
    except OSError:
        target = path
    try:
        return tomlkit.parse(target.read_text(encoding="utf-8-sig")), target
    except FileNotFoundError:
        return tomlkit.document(), target
    except tomlkit.exceptions.ParseError as error:
        raise ValueError(f"{path}: {error}") from error
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text ({error.reason})") from error


def accept_word(word: str, path: Path | None = None) -> bool:
    """Add `word` to `[qa] accept` in `config.toml` (the spelling check's own words), keeping
    every comment and other setting; False when it is there already (in any case). Raises
    OSError and ValueError as `save_setting` does."""
    import tomlkit

    path = path or paths.config_file()
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        document = tomlkit.document()
    except tomlkit.exceptions.ParseError as error:
        raise ValueError(f"{path}: {error}") from error
    table = document.get("qa")
    if not isinstance(table, dict):
        table = tomlkit.table()
        document["qa"] = table
    accepted = table.get("accept")
    if not isinstance(accepted, list):
        accepted = tomlkit.array()
        table["accept"] = accepted
    if any(str(known).casefold() == word.casefold() for known in accepted):
        return False
    accepted.append(word)
    write_atomically(path, tomlkit.dumps(document))
    return True


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` via a temp file and rename, so a crash never leaves half a file.

    The file gets the mode a new file would get (0666 less the umask), and a file that is
    replaced keeps its mode: `tempfile.mkstemp` would leave every file 0600.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        keep: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        keep = None
    handle, temp_name = _create_temp(path)
    try:
        if keep is not None:
            os.fchmod(handle, keep)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _create_temp(path: Path) -> tuple[int, str]:
    """A new file beside `path`, opened for writing, created with mode 0666 so that the
    kernel applies the umask (reading the umask would mean setting it, for every thread)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        name = str(path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")
