// Narrow maps fold legend and layer control behind one button (EM.fitWidth, EM.togglePanels).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const EM = require("../../static/js/map.js");

/** An element stand-in with a classList and attributes. */
function fakeElement() {
  const classes = new Set();
  const attributes = {};
  return {
    classes,
    attributes,
    classList: {
      contains: (name) => classes.has(name),
      toggle: (name, on) => (on ? classes.add(name) : classes.delete(name)),
    },
    setAttribute: (name, value) => (attributes[name] = value),
  };
}

test("maps up to 600 px wide are narrow, wider ones are not", () => {
  assert.equal(EM.NARROW_MAX, 600);
  const container = fakeElement();
  for (const [width, narrow] of [
    [358, true],
    [600, true],
    [601, false],
    [1200, false],
  ]) {
    assert.equal(EM.fitWidth(container, width), narrow, `width ${width}`);
    assert.equal(container.classes.has(EM.NARROW), narrow);
  }
});

test("the button opens and closes the panels and says so (aria-expanded)", () => {
  const container = fakeElement();
  const button = fakeElement();
  EM.fitWidth(container, 390);
  assert.equal(EM.togglePanels(container, button), true);
  assert.ok(container.classes.has(EM.PANELS_OPEN));
  assert.equal(button.attributes["aria-expanded"], "true");
  assert.equal(EM.togglePanels(container, button), false);
  assert.ok(!container.classes.has(EM.PANELS_OPEN));
  assert.equal(button.attributes["aria-expanded"], "false");
});

test("a map that becomes wide shows its panels without the open state", () => {
  const container = fakeElement();
  const button = fakeElement();
  EM.fitWidth(container, 390);
  EM.togglePanels(container, button);
  EM.fitWidth(container, 1000);
  assert.deepEqual([...container.classes], []);
});

test("kept layers are filed under the layer choice", () => {
  const groups = [{ key: "a" }, { key: "b" }, { key: "c" }];
  assert.equal(EM.choiceKey(groups, {}), "111");
  assert.equal(EM.choiceKey(groups, { b: true, c: false }), "101");
});

test("the outlines' source note is an escaped link", () => {
  assert.equal(
    EM.sourceHtml({
      text: "© GeoBasis-DE / BKG 2021 (Daten verändert)",
      url: "https://www.bkg.bund.de",
    }),
    '<a href="https://www.bkg.bund.de">© GeoBasis-DE / BKG 2021 (Daten verändert)</a>',
  );
  const html = EM.sourceHtml({ text: "<img src=x onerror=alert(1)>", url: '"><script>' });
  assert.ok(!html.includes("<img"));
  assert.ok(!html.includes("<script>"));
});

/** A document with stylesheet links, each loaded or not; `fire` sends a link its event. */
function fakeDocument(loaded) {
  const links = loaded.map((isLoaded) => {
    const handlers = {};
    return {
      sheet: isLoaded ? {} : null,
      addEventListener: (type, handler) => (handlers[type] = handler),
      fire: (type) => handlers[type](),
    };
  });
  return { links, querySelectorAll: () => links };
}

test("the map is drawn once every stylesheet has loaded or failed", () => {
  const doc = fakeDocument([true, false, false]);
  const calls = [];
  const timers = [];
  EM.whenStyled(
    doc,
    () => calls.push("drawn"),
    (fn) => timers.push(fn),
  );
  assert.deepEqual(calls, []);
  doc.links[1].fire("load");
  assert.deepEqual(calls, []);
  doc.links[2].fire("error");
  assert.deepEqual(calls, ["drawn"]);
  timers[0](); // the safety timer fires later: no second drawing
  assert.deepEqual(calls, ["drawn"]);
});

test("with the stylesheets in place (or none) the map is drawn at once", () => {
  const calls = [];
  EM.whenStyled(fakeDocument([true]), () => calls.push("a"));
  EM.whenStyled(fakeDocument([]), () => calls.push("b"));
  assert.deepEqual(calls, ["a", "b"]);
});

test("a stylesheet that never answers delays the map only until the timer", () => {
  const calls = [];
  const timers = [];
  EM.whenStyled(
    fakeDocument([false]),
    () => calls.push("drawn"),
    (fn, ms) => timers.push(ms) && fn(),
  );
  assert.deepEqual(calls, ["drawn"]);
  assert.ok(timers[0] > 0);
});
