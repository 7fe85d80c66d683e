"""The footer of key bindings: mounted once the screen's first content is drawn, and rebuilt
only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

# What a footer shows of one binding: its keys, action, label, whether it is enabled, tooltip.
_Shown = tuple[str, str, str, bool, str]


class KeyFooter(Footer):
    """Textual's `Footer` builds a widget per key each time the screen's bindings change (focus
    moving, a key becoming enabled): three times, with no change, as the reader started, and
    in the way of its first titles (40 ms of the 120 between the screen's mount and the titles
    on screen). This one is mounted once the first titles are drawn, builds its keys then, and
    rebuilds only when what it shows changes."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[_Shown, ...] | None = None

    def on_mount(self) -> None:
        # Called later, so after Footer's own on_mount has subscribed to the screen's bindings,
        # and in the footer's own turn: the keys it builds bind to it as it composes them.
        self.call_later(lambda: self.bindings_changed(self.screen))

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )
        if shown == self._shown:
            return
        # As Footer.bindings_changed decides whether it rebuilds (else a later call must).
        rebuilds = screen.app.app_focus and self.is_attached and screen is self.screen
        super().bindings_changed(screen)
        if rebuilds:
            self._shown = shown

    async def recompose(self) -> None:
        await super().recompose()
        # Each key Footer builds is bound to its `compact`, and Textual drops a bound widget
        # from the footer's watchers only when `compact` changes (Textual issue #6666): every
        # key of every rebuild stayed in memory, two rebuilds an article opened from the list
        # (~3,000 objects, and each full garbage collection after walked them all). Touching
        # `compact` drops the keys just removed.
        self.mutate_reactive(Footer.compact)
