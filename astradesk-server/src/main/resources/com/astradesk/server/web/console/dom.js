// Building DOM from data. Every piece of text goes in as a text node (never parsed as HTML), so model, tool and
// user text cannot inject markup or script.

/**
 * Creates an element. props: class, id, text, attributes (aria-*, for, type, ...), on<event> handlers, and
 * property values (value, checked, disabled). Children: nodes, strings (as text), arrays, null (skipped).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = String(value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "value" || key === "checked" || key === "disabled" || key === "selected") el[key] = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces every child of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** JSON shown as text, indented. */
export function pretty(value) {
  return h("pre", { class: "json" }, JSON.stringify(value ?? null, null, 2));
}

/** A labelled form control: <label for=id>text</label> + the control. */
export function field(labelText, control, hint) {
  const id = control.id;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, labelText),
    control,
    hint ? h("small", { id: id + "-hint", class: "hint" }, hint) : null,
  );
}

let ids = 0;
/** A fresh element id. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}
