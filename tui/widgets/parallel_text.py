"""The reader: Norwegian and English side by side, paragraph i of both starting on the same row.

Both columns are drawn by one Line API widget, so they cannot drift apart: each paragraph takes
as many rows as the longer of its two versions, and there is one scroll position.
"""

from __future__ import annotations

from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tolk.library.articles import Article, Paragraph
from tui.views.paragraph_view import ParagraphView
from tui.widgets.paragraph_text import paragraph_texts
from tui.widgets.parallel_rows import (
    Block,
    column_width,
    divider_row,
    estimated_height,
    focus_at,
    message_lines,
    message_row,
    paragraph_row,
)
from tui.widgets.parallel_text_keys import READER_BINDINGS
from tui.widgets.row_layout import ParagraphLayout
from tui.widgets.styles import css_beside
from tui.widgets.word_cursor import WordFocus, step_word, wrap


class ParallelText(ScrollView, can_focus=True):
    """An article's paragraphs beside their translations, with a paragraph cursor in both."""

    DEFAULT_CSS = css_beside(__file__)
    COMPONENT_CLASSES = {  # noqa: RUF012 - Textual reads this class attribute
        "parallel-text--heading",
        "parallel-text--placeholder",
        "parallel-text--cursor",
        "parallel-text--mark",
        "parallel-text--gutter",
        "parallel-text--sentence",
        "parallel-text--word",
        "parallel-text--aligned",
        "parallel-text--flag",
        "parallel-text--memory",
    }
    BINDINGS = READER_BINDINGS

    cursor: reactive[int] = reactive(0)
    # The sentence cursor inside the paragraph cursor (an index into its aligned sentences).
    sentence: reactive[int] = reactive(0)

    class SentenceMoved(Message):
        """The sentence cursor is on sentence `sentence` of paragraph `paragraph`."""

        def __init__(self, paragraph: int, sentence: int) -> None:
            super().__init__()
            self.paragraph = paragraph
            self.sentence = sentence

    class WordChosen(Message):
        """A word was double-clicked: the word cursor is on it, the reader explains it."""

    class CursorMoved(Message):
        """The paragraph cursor moved to `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._paragraphs: tuple[Paragraph, ...] = ()
        self._views: list[ParagraphView] = []
        self._placeholder = "…"
        self._first_placeholder: str | None = None
        self._message: str | None = None
        self._marked: frozenset[int] = frozenset()
        # The word cursor (inside the sentence cursor) and the word under the mouse.
        self._word: WordFocus | None = None
        self._hover: tuple[int, WordFocus] | None = None
        # Paragraphs are wrapped lazily, when first drawn.
        self._layout = ParagraphLayout()
        self._rows = self._layout.rows

    # Content ---------------------------------------------------------------------------------

    @property
    def paragraph_count(self) -> int:
        """How many paragraphs the open article has."""
        return len(self._paragraphs)

    def show_article(self, article: Article, paragraph: int = 0) -> None:
        """Show `article`, untranslated, cursor on `paragraph`."""
        self._message = None
        self._paragraphs = article.paragraphs
        self._views = [ParagraphView() for _ in article.paragraphs]
        self._marked = frozenset()
        self._relayout(keep_place=False)
        self.set_reactive(ParallelText.sentence, 0)
        self.cursor = paragraph
        # The new height counts once the layout has taken it: scroll then, not before. The
        # paragraph opened at is the first on screen (a reader resumes there), never cut.
        self.call_after_refresh(self._scroll_to_top_of, self.cursor)
        self.refresh()

    def show_message(self, message: str) -> None:
        """Show a message instead of an article (nothing open, or the file could not be read)."""
        self._message = message
        self._paragraphs = ()
        self._views = []
        self._relayout(keep_place=False)
        self.refresh()

    def set_placeholder(self, text: str, *, first: str | None = None) -> None:
        """What the English column shows for a paragraph whose translation has not arrived;
        `first` is a longer note for the first paragraph (such as how to get a model)."""
        self._placeholder = text
        self._first_placeholder = first
        self._relayout()
        self.refresh()

    def set_paragraph(self, index: int, view: ParagraphView) -> None:
        """Draw paragraph `index` as `view` (its translation, highlights and marks); views may
        arrive one at a time, in any order."""
        if not 0 <= index < len(self._views):
            return
        self._views[index] = view
        self._rewrap(index)

    def view(self, index: int) -> ParagraphView:
        """What paragraph `index` shows now."""
        return self._views[index]

    def translation(self, index: int) -> str | None:
        """The translation shown for paragraph `index`, if it has arrived (its text only:
        marks are drawn beside it, not part of it)."""
        return self._views[index].translation

    def sentence_count(self, index: int) -> int:
        """How many aligned sentences paragraph `index` has (0 before its translation)."""
        return len(self._views[index].alignment) if 0 <= index < len(self._views) else 0

    def set_marked(self, indices: frozenset[int]) -> None:
        """Mark these paragraphs (bookmarked) in both columns."""
        self._marked = indices
        self.refresh()

    @property
    def marked(self) -> frozenset[int]:
        """The paragraphs marked as bookmarked."""
        return self._marked

    def paragraph_rows(self, index: int) -> range:
        """The rows (in the scrolled content) that paragraph `index` occupies."""
        block = self._block(index)
        return range(self._rows.starts[index], self._rows.starts[index] + block.height)

    # Layout ----------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        # Rewrapping moves everything: keep the paragraph the reader is on in view.
        if self._paragraphs:
            rows = self.paragraph_rows(self.cursor)
            self.call_after_refresh(self._scroll_rows_into_view, rows.start, len(rows))

    def _relayout(self, *, keep_place: bool = True) -> None:
        """Start over at the current width (a new article, or a resize): every paragraph back
        to an estimated height, to be wrapped when drawn. With `keep_place` the paragraph at
        the top of the view stays there (a new placeholder must not move what is being read)."""
        layout = self._layout
        laid_out = len(layout) == len(self._paragraphs)
        anchor = layout.anchor(int(self.scroll_y)) if keep_place and laid_out else None
        width = self.scrollable_content_region.width
        layout.reset(
            width, [self._estimate(index, width) for index in range(len(self._paragraphs))]
        )
        self._sized()
        row = layout.row_of(anchor) if anchor is not None else None
        if row is not None:
            self.scroll_to(y=row, animate=False)

    def _estimate(self, index: int, width: int) -> int:
        translated = self._views[index].translation
        target = translated if translated is not None else self._placeholder
        source = self._paragraphs[index].text
        return estimated_height(len(source), len(target), width)

    def _rewrap(self, index: int) -> None:
        """Wrap one paragraph again (its translation or highlights changed); the rest only
        move, so a long article does not rewrap as each translation arrives."""
        if self._layout.width != self.scrollable_content_region.width or not len(self._layout):
            self._relayout()
        else:
            self._layout.forget(index)
            self._block(index)
        self.refresh()

    def _block(self, index: int) -> Block:
        """Paragraph `index` wrapped, wrapping it now if it has not been."""
        block, grown = self._layout.block(index, self._wrap_block, self.scroll_y)
        if grown is not None:
            self._sized()
            if grown.above_view:
                # A paragraph above the screen grew or shrank (its translation arrived):
                # scroll with it, so the text being read stays put.
                self.scroll_to(y=self.scroll_y + grown.rows, animate=False)
        return block

    def _wrap_block(self, index: int) -> Block:
        text_width = column_width(self._layout.width) - 1  # one cell for the mark
        focus = self._word if index == self.cursor else None
        if focus is None and self._hover is not None and self._hover[0] == index:
            focus = self._hover[1]  # the word under the mouse
        first = self._first_placeholder if index == 0 else None
        source, target = paragraph_texts(
            self._paragraphs[index],
            self._views[index],
            sentence=self.sentence if index == self.cursor else None,
            focus=focus,
            placeholder=first or self._placeholder,
            style=self._style,
        )
        console = self.app.console
        return Block(wrap(console, source, text_width), wrap(console, target, text_width))

    def _sized(self) -> None:
        """The scrollable size, after the paragraphs moved (or a message replaced them)."""
        total, width = self._rows.total, self._layout.width
        if self._message is not None:
            total = len(message_lines(self._message, width)) + 2
        self.virtual_size = Size(width, total)

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)

    # Cursor ----------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._paragraphs) - 1))

    def watch_cursor(self, previous: int, index: int) -> None:
        self.set_reactive(ParallelText.sentence, 0)
        self._word = None
        if len(self._layout):
            for changed in {previous, index}:
                if 0 <= changed < len(self._layout) and self._views[changed].alignment:
                    self._layout.forget(changed)  # its sentence highlight moves
            rows = self.paragraph_rows(index)
            self._scroll_rows_into_view(rows.start, len(rows))
        self.refresh()
        self.post_message(self.CursorMoved(index))

    def watch_sentence(self) -> None:
        self._word = None
        if 0 <= self.cursor < len(self._layout):
            self._rewrap(self.cursor)
        self.post_message(self.SentenceMoved(self.cursor, self.sentence))

    def action_next_word(self) -> None:
        self._move_word(+1)

    def action_previous_word(self) -> None:
        self._move_word(-1)

    def _move_word(self, step: int) -> None:
        if 0 <= self.cursor < len(self._views):
            view = self._views[self.cursor]
            self._word = step_word(view, self.sentence, self._word, step)
            self._rewrap(self.cursor)

    @property
    def word(self) -> WordFocus | None:
        """The word cursor, if the user has put it on a word."""
        return self._word

    def action_next_sentence(self) -> None:
        if self.sentence + 1 < self.sentence_count(self.cursor):
            self.sentence += 1
        elif self.cursor + 1 < len(self._paragraphs):
            self.cursor += 1

    def action_previous_sentence(self) -> None:
        if self.sentence > 0:
            self.sentence -= 1
        elif self.cursor > 0:
            self.cursor -= 1
            self.sentence = max(self.sentence_count(self.cursor) - 1, 0)

    def _scroll_to_top_of(self, index: int) -> None:
        if 0 <= index < len(self._paragraphs):
            self.scroll_to(y=self.paragraph_rows(index).start, animate=False)

    def _scroll_rows_into_view(self, first: int, height: int) -> None:
        view = self.scrollable_content_region.height
        if first < self.scroll_y or height > view:
            self.scroll_to(y=first, animate=False)
        elif first + height > self.scroll_y + view:
            self.scroll_to(y=first + height - view, animate=False)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._paragraphs) - 1

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        """A screenful on: the cursor goes to the paragraph there, or, inside a paragraph
        taller than the screen, the text scrolls under it."""
        height = self.scrollable_content_region.height
        before = self.cursor
        self._move_to_row(int(self.scroll_y) + direction * height)
        if self.cursor == before:
            self.scroll_to(y=max(self.scroll_y + direction * height, 0), animate=False)

    def _move_to_row(self, row: int) -> None:
        if not self._rows.starts:
            return
        self.cursor = self._rows.at_or_before(max(0, min(row, self._rows.total - 1)))

    def on_click(self, event: events.Click) -> None:
        index = self._rows.owner(event.y + int(self.scroll_y))
        if index >= 0:
            self.cursor = index
            focus = self._focus_at(index, event.x, event.y)
            if focus is not None:
                self.sentence = focus.sentence
                self._word = focus
                self._rewrap(index)
                if event.chain == 2:
                    self.post_message(self.WordChosen())

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._rows.owner(event.y + int(self.scroll_y))
        focus = self._focus_at(index, event.x, event.y) if index >= 0 else None
        hover = (index, focus) if focus is not None else None
        if hover != self._hover:
            self._set_hover(hover)

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, hover: tuple[int, WordFocus] | None) -> None:
        changed = {h[0] for h in (self._hover, hover) if h is not None}
        self._hover = hover
        for index in changed:
            if index < len(self._layout):
                self._rewrap(index)

    def _focus_at(self, index: int, x: int, y: int) -> WordFocus | None:
        """The word drawn at (x, y) of the widget, in paragraph `index`."""
        line = y + int(self.scroll_y) - self._rows.starts[index]
        return focus_at(self._views[index], self._block(index), line, x, self._layout.width)

    # Rendering -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._layout.width:
            self._relayout()
        row = y + int(self.scroll_y)
        base = self.rich_style
        if self._message is not None:
            return message_row(self._message, row, width, base)
        if row >= self._rows.total:
            return Strip.blank(width, base)
        index = self._rows.owner(row)
        if index >= 0:
            block = self._block(index)  # may change its height: look again
            index = self._rows.owner(row)
        if index < 0:  # the blank row between paragraphs
            return divider_row(width, base, self._style)
        block = self._block(index)
        offset = row - self._rows.starts[index]
        on_cursor, marked = index == self.cursor, index in self._marked
        console = self.app.console
        return paragraph_row(console, block, offset, width, base, self._style, on_cursor, marked)
