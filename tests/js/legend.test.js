// Markers and legend share one symbol builder in static/js/map.js; texts are escaped.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const EM = require("../../static/js/map.js");

const CFG = {
  cats: [
    {
      key: "equality_office",
      color: "#0072B2",
      text: "#FFFFFF",
      symbol: "=",
      shape: "square",
      label: "Gleichstellungsstelle",
    },
    {
      key: "girls_facility",
      color: "#CC79A7",
      text: "#000000",
      symbol: "★",
      shape: "circle",
      label: "Girls' facility",
    },
  ],
  text: { legend: "Legend" },
};

test("the legend shows every category with the markers' own symbol, in order", () => {
  assert.equal(
    EM.legendHtml(CFG),
    "<strong>Legend</strong><ul>" +
      '<li><span class="em-marker em-square"><span style="background:#0072B2;color:#FFFFFF">' +
      "<b>=</b></span></span><span>Gleichstellungsstelle</span></li>" +
      '<li><span class="em-marker em-circle"><span style="background:#CC79A7;color:#000000">' +
      "<b>★</b></span></span><span>Girls&#x27; facility</span></li></ul>",
  );
  for (const cat of CFG.cats) {
    assert.ok(EM.legendHtml(CFG).includes(EM.symbolHtml(cat)));
  }
});

test("the legend lists the given categories only (those shown on the map)", () => {
  const html = EM.legendHtml(CFG, [CFG.cats[1]]);
  assert.ok(html.includes("Girls&#x27; facility"));
  assert.ok(!html.includes("Gleichstellungsstelle"));
  assert.equal(EM.legendHtml(CFG, []), "<strong>Legend</strong><ul></ul>");
});

test("shown categories: in the selection and in a group that is switched on", () => {
  const cfg = {
    cats: [
      { key: "a", group: "g1" },
      { key: "b", group: "g1" },
      { key: "c", group: "g2" },
    ],
  };
  const keys = (cats) => cats.map((cat) => cat.key);
  assert.deepEqual(keys(EM.shownCats(cfg, [true, false, true], {})), ["a", "c"]);
  assert.deepEqual(keys(EM.shownCats(cfg, [true, true, true], { g1: true })), ["c"]);
  assert.deepEqual(keys(EM.shownCats(cfg, [], {})), []);
});

test("texts from the config are escaped like Python's html.escape", () => {
  assert.equal(EM.escapeHtml(`<b>"&'</b>`), "&lt;b&gt;&quot;&amp;&#x27;&lt;/b&gt;");
  const html = EM.legendHtml({
    cats: [{ ...CFG.cats[0], label: "<img src=x onerror=alert(1)>", symbol: "<" }],
    text: { legend: "</strong><script>" },
  });
  assert.ok(!html.includes("<img"));
  assert.ok(!html.includes("<script>"));
  assert.ok(html.includes("<b>&lt;</b>"));
});

test("gesture handling is switched on with the texts, where the plugin is loaded", () => {
  const calls = [];
  const map = { options: {}, gestureHandling: { enable: () => calls.push("enable") } };
  EM.gestures(map, { touch: "Zwei Finger" });
  assert.deepEqual(map.options.gestureHandlingOptions, {
    text: { touch: "Zwei Finger" },
    duration: 1500,
  });
  assert.deepEqual(calls, ["enable"]);
  EM.gestures({ options: {} }, {}); // no plugin: nothing to do, no error
});
