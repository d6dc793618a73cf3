// The chunked popup-details cache of static/js/map.js (EM.ChunkedDetails).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { ChunkedDetails } = require("../../static/js/map.js");

/** A fetch that records URLs and answers when the test says so. */
function fakeFetch(files) {
  const calls = [];
  const answers = [];
  function fetch(url) {
    calls.push(url);
    return new Promise((resolve) => {
      answers.push(() => resolve({ json: () => Promise.resolve(files[url]) }));
    });
  }
  async function answerAll() {
    answers.splice(0).forEach((answer) => answer());
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { fetch, calls, answerAll };
}

function chunk(prefix, start, n) {
  return Array.from({ length: n }, (_, i) => [
    `${prefix}tip${start + i}`,
    `${prefix}pop${start + i}`,
  ]);
}

const FILES = {
  "/v1/0.json": chunk("", 0, 3),
  "/v1/1.json": chunk("", 3, 3),
  "/v2/0.json": chunk("new ", 0, 3),
};

test("inline details are served at once, without a request", () => {
  const net = fakeFetch(FILES);
  const details = new ChunkedDetails(net.fetch, 3);
  let got = null;
  details.get(
    {
      d: [
        ["a", "A"],
        ["b", "B"],
      ],
    },
    1,
    (entry) => (got = entry),
  );
  assert.deepEqual(got, ["b", "B"]);
  assert.deepEqual(net.calls, []);
});

test("one request per chunk, and every waiting callback is served", async () => {
  const net = fakeFetch(FILES);
  const details = new ChunkedDetails(net.fetch, 3);
  details.useUrl("/v1/");
  const data = { u: "/v1/" };
  const got = [];
  for (const key of [4, 0, 2, 3, 0]) {
    details.get(data, key, (entry) => got.push([key, entry[0]]));
  }
  assert.deepEqual(net.calls, ["/v1/1.json", "/v1/0.json"]);
  assert.deepEqual(got, []);
  await net.answerAll();
  assert.deepEqual(got.sort(), [
    [0, "tip0"],
    [0, "tip0"],
    [2, "tip2"],
    [3, "tip3"],
    [4, "tip4"],
  ]);
});

test("a fetched chunk is kept: later asks need no request", async () => {
  const net = fakeFetch(FILES);
  const details = new ChunkedDetails(net.fetch, 3);
  details.useUrl("/v1/");
  details.get({ u: "/v1/" }, 1, () => {});
  await net.answerAll();
  let got = null;
  details.get({ u: "/v1/" }, 2, (entry) => (got = entry));
  assert.deepEqual(got, ["tip2", "pop2"]);
  assert.equal(net.calls.length, 1);
});

test("a new URL empties the cache; the same URL keeps it", async () => {
  const net = fakeFetch(FILES);
  const details = new ChunkedDetails(net.fetch, 3);
  assert.equal(details.useUrl("/v1/"), true);
  details.get({ u: "/v1/" }, 0, () => {});
  await net.answerAll();
  assert.equal(details.useUrl("/v1/"), false);
  assert.equal(details.useUrl(undefined), false);
  assert.equal(details.useUrl("/v2/"), true);
  let got = null;
  details.get({ u: "/v2/" }, 0, (entry) => (got = entry));
  assert.deepEqual(net.calls, ["/v1/0.json", "/v2/0.json"]);
  await net.answerAll();
  assert.deepEqual(got, ["new tip0", "new pop0"]);
});

test("a chunk still on its way when the URL changes is not filed under the new URL", async () => {
  const net = fakeFetch(FILES);
  const details = new ChunkedDetails(net.fetch, 3);
  details.useUrl("/v1/");
  let old = null;
  details.get({ u: "/v1/" }, 0, (entry) => (old = entry));
  details.useUrl("/v2/");
  await net.answerAll();
  assert.deepEqual(old, ["tip0", "pop0"]); // the marker that asked still gets its answer
  let got = null;
  details.get({ u: "/v2/" }, 0, (entry) => (got = entry));
  assert.deepEqual(net.calls, ["/v1/0.json", "/v2/0.json"]);
  await net.answerAll();
  assert.deepEqual(got, ["new tip0", "new pop0"]);
});
