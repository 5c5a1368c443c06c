"""Small accessible controls for questions and scenario cards, built with anywidget.

ipywidgets 8 cannot give these what a learner needs (checked in ipywidgets 8.1's
front end): ``RadioButtons`` renders inputs without a ``name``, so they are not one
group (each is its own Tab stop, arrow keys do nothing) and the group has no role or
accessible name; ``Checkbox`` descriptions are cut off with "…" instead of wrapping;
``FloatText`` cannot be empty (it shows 0); and ``HTML`` cannot carry ``aria-live``.
anywidget (the approach the Jupyter widgets documentation recommends for custom
widgets, no JupyterLab extension to build) lets each control render plain, standard
HTML: one named group of real radio or checkbox inputs with wrapping labels, and an empty
number box; each also makes its question's feedback a region that screen readers announce.

The Python side stays thin: a control holds its options as (label, key) pairs in the
order given, and only the chosen positions travel to the browser.
"""
from __future__ import annotations

from typing import Any

import anywidget
import traitlets

# Shared by every control (anywidget adds it to the page once per widget class).
# Also: HTML widgets inside questions and cards get a normal line height; ipywidgets uses
# the 28 px control height, which makes wrapped prose look double-spaced.
_CSS = """
.cc-choice-group { display: flex; flex-direction: column; gap: 6px; margin: 4px 0; max-width: 100%; }
.cc-choice { display: flex; align-items: flex-start; gap: 8px; white-space: normal; overflow-wrap: anywhere;
  line-height: 1.4; cursor: pointer; color: var(--jp-ui-font-color1, #1a1a1a);
  font-size: var(--jp-widgets-font-size, 13px); }
.cc-choice input { flex: none; margin: 2px 0 0 0; width: 15px; height: 15px; cursor: pointer; }
.cc-choice input:focus-visible { outline: 2px solid var(--jp-brand-color1, #1976d2); outline-offset: 2px; }
.cc-number { display: flex; align-items: center; gap: 8px; margin: 4px 0;
  font-size: var(--jp-widgets-font-size, 13px); color: var(--jp-ui-font-color1, #1a1a1a); }
.cc-number input { width: 12em; padding: 3px 6px; font-size: inherit; }
.cc-question a, .cc-scenario a, .cc-practice a { color: var(--jp-content-link-color, #0d47a1); text-decoration: underline; }
.cc-question .widget-html-content, .cc-scenario .widget-html-content { line-height: 1.45; }
"""

# Each control also looks after the box it sits in (a question or a scenario card, and the
# practice set around it): the box's feedback regions (w.HTML with the class
# cc-feedback-region, and the set's cc-summary) become live regions that screen readers
# announce, and a link to "#<id>" in the box goes to that element of the notebook. The
# feedback itself stays a plain ipywidgets HTML, so it needs no anywidget code to arrive.
# (anywidget 0.9.17 to 0.11.0 drop every kernel-to-browser update of a model whose code took
# longer than 2 s to load, e.g. a slow laptop during Run All: an exam's restored answers were
# then not ticked. pyproject.toml pins a version that waits for the code instead.)
_BOX_HELPERS = """
function announce(region) {
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
}
// JupyterLab marks a Markdown heading with data-jupyter-id (not id) and follows "#..." links
// only in Markdown it renders itself; a question's title has an id.
function followLinks(root) {
  if (root.dataset.ccLinks) return;
  root.dataset.ccLinks = "1";
  root.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (!link) return;
    const id = CSS.escape(decodeURIComponent(link.getAttribute("href").slice(1)));
    const notebook = root.closest(".jp-Notebook") || document;
    const target = notebook.querySelector(`[id="${id}"], [data-jupyter-id="${id}"]`);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: "start" });
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  });
}
// The control is drawn before ipywidgets puts it into its box: wait until it is there.
function decorateBox(el) {
  let tries = 0;
  const attempt = () => {
    const box = el.closest(".cc-question, .cc-scenario");
    const regions = box ? box.querySelectorAll(".cc-feedback-region") : [];
    if (!box || regions.length === 0) {
      if (++tries < 600) setTimeout(attempt, 100);
      return;
    }
    regions.forEach(announce);
    followLinks(box);
    const set = box.closest(".cc-practice");
    if (set) {
      set.querySelectorAll(".cc-summary").forEach(announce);
      followLinks(set);
    }
  };
  attempt();
}
"""

_CHOICE_ESM = _BOX_HELPERS + """
function render({ model, el }) {
  const group = document.createElement("div");
  group.className = "cc-choice-group";
  el.appendChild(group);
  // One name per group: the browser makes the radios one Tab stop moved by the arrow keys.
  const name = "cc-choice-" + Math.random().toString(36).slice(2, 12);
  const sync = () => {
    const selected = new Set(model.get("selected"));
    for (const input of group.querySelectorAll("input")) {
      input.checked = selected.has(Number(input.value));
      input.disabled = model.get("disabled");
    }
  };
  const draw = () => {
    const multiple = model.get("multiple");
    group.setAttribute("role", multiple ? "group" : "radiogroup");
    group.setAttribute("aria-label", model.get("accessible_name"));
    group.replaceChildren();
    model.get("labels").forEach((text, i) => {
      const label = document.createElement("label");
      label.className = "cc-choice";
      const input = document.createElement("input");
      input.type = multiple ? "checkbox" : "radio";
      input.name = name;
      input.value = String(i);
      input.addEventListener("change", () => {
        const picked = [...group.querySelectorAll("input")].filter((x) => x.checked).map((x) => Number(x.value));
        model.set("selected", picked);
        model.save_changes();
        model.send({ selected: picked });  // see _InputInOrder in Python
      });
      const span = document.createElement("span");
      span.className = "cc-choice-text";
      span.textContent = text;
      label.append(input, span);
      group.appendChild(label);
    });
    sync();
  };
  // Arrow keys and Space belong to the group, not to JupyterLab's notebook shortcuts.
  group.addEventListener("keydown", (event) => {
    if (event.key.startsWith("Arrow") || event.key === " ") event.stopPropagation();
  });
  const events = ["change:labels", "change:multiple", "change:accessible_name"];
  events.forEach((e) => model.on(e, draw));
  model.on("change:selected", sync);
  model.on("change:disabled", sync);
  draw();
  decorateBox(el);
  return () => {
    events.forEach((e) => model.off(e, draw));
    model.off("change:selected", sync);
    model.off("change:disabled", sync);
  };
}
export default { render };
"""

_NUMBER_ESM = _BOX_HELPERS + """
function render({ model, el }) {
  const label = document.createElement("label");
  label.className = "cc-number";
  const caption = document.createElement("span");
  caption.textContent = model.get("caption");
  const input = document.createElement("input");
  input.type = "number";
  input.step = "any";
  input.setAttribute("aria-label", model.get("accessible_name"));
  input.placeholder = model.get("placeholder");
  input.value = model.get("text");
  const send = () => {
    if (input.value !== model.get("text")) {
      model.set("text", input.value);
      model.save_changes();
      model.send({ text: input.value });  // see _InputInOrder in Python
    }
  };
  input.addEventListener("change", send);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") send();
    event.stopPropagation();  // typing is not a notebook shortcut
  });
  const update = () => { if (input.value !== model.get("text")) input.value = model.get("text"); };
  model.on("change:text", update);
  label.append(caption, input);
  el.appendChild(label);
  decorateBox(el);
  return () => model.off("change:text", update);
}
export default { render };
"""



class _InputInOrder(anywidget.AnyWidget):
    """A control whose learner input reaches the kernel before any later click of a button.

    ipywidgets throttles state updates but not custom messages (ipywidgets PR #1383): while
    one update of a model waits for the kernel, later ones are held back and merged, and a
    button's click, a custom message, overtakes them. A learner who changes a choice twice
    and presses Check at once (a busy hub, a keyboard user walking radios with the arrow
    keys) would be judged on the earlier choice, and the late update would then wipe the
    feedback. So the browser side also sends each new input as a custom message, which
    keeps its place in line with the click; here it is applied as a browser update. The
    usual state update follows later with the same value and changes nothing. The input
    traits are not echoed back (``echo_update=False``): an echo of the custom message would
    briefly put an older choice back on screen while a newer one waits to be sent.
    """

    _input_traits: tuple[str, ...] = ()

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.on_msg(self._take_input)

    def _take_input(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not (isinstance(content, dict) and content and set(content) <= set(self._input_traits)):
            return  # not ours (anywidget has messages of its own)
        try:
            self.set_state(content)
        except traitlets.TraitError:
            pass  # not a value this control takes; the state update is refused the same way


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same type: the key True is not the number 1."""
    return type(a) is type(b) and a == b


class ChoiceGroup(_InputInOrder):
    """Radio buttons (one choice) or checkboxes (several) as one group named by the prompt.

    ``options`` are (label, key) pairs shown in the order given; ``value`` is the chosen
    key (or the list of chosen keys, in display order), None when nothing is chosen.
    """

    _esm = _CHOICE_ESM
    _css = _CSS
    _input_traits = ("selected",)
    labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    multiple = traitlets.Bool(False).tag(sync=True)
    accessible_name = traitlets.Unicode("").tag(sync=True)
    selected = traitlets.List(traitlets.Int()).tag(sync=True, echo_update=False)
    disabled = traitlets.Bool(False).tag(sync=True)

    def __init__(self, options: list[tuple[str, Any]], *, multiple: bool = False, accessible_name: str = ""):
        self.choice_keys = [key for _label, key in options]
        super().__init__(labels=[str(label) for label, _key in options], multiple=multiple,
                         accessible_name=accessible_name)

    def _index(self, key: Any) -> int:
        for i, known in enumerate(self.choice_keys):
            if _same(known, key):
                return i
        raise ValueError(f"{key!r} is not one of the choices {self.choice_keys}")

    @property
    def value(self) -> Any:
        chosen = [self.choice_keys[i] for i in sorted(self.selected) if 0 <= i < len(self.choice_keys)]
        if self.multiple:
            return chosen or None
        return chosen[0] if chosen else None

    @value.setter
    def value(self, value: Any) -> None:
        if value is None:
            self.selected = []
        elif self.multiple:
            if isinstance(value, (str, bool)):
                raise ValueError(f"a list of choices is expected, got {value!r}")
            self.selected = sorted({self._index(v) for v in value})
        else:
            self.selected = [self._index(value)]


class NumberBox(_InputInOrder):
    """A number box that starts empty; ``value`` is the number typed, or None."""

    _esm = _NUMBER_ESM
    _css = _CSS
    _input_traits = ("text",)
    text = traitlets.Unicode("").tag(sync=True, echo_update=False)
    caption = traitlets.Unicode("Your answer").tag(sync=True)
    placeholder = traitlets.Unicode("type a number").tag(sync=True)
    accessible_name = traitlets.Unicode("").tag(sync=True)

    @property
    def value(self) -> float | None:
        text = self.text.strip().replace(",", "")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            return None

    @value.setter
    def value(self, value: Any) -> None:
        if value is None:
            self.text = ""
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"a number is expected, got {value!r}")
        else:
            self.text = str(value)
