/*
 * The entries map in the browser: cluster layers per group, legend, full screen, popups.
 *
 * Python hands this file one JSON config per map and one JSON layer per selection:
 * `window.EM.setup(map, config)` (mapping.MapSetup) and `window.EM.fill(data)`
 * (mapping.EntriesLayer); embedded maps also call `window.EM.gestures(map, text)`
 * (embed.GestureHandling). The logic that needs no Leaflet lives in small functions and classes
 * that take their dependencies (fetch, document, map) as parameters, so node's test runner can
 * load this file through `module.exports` (tests/js/).
 */
(function (root) {
  "use strict";

  /** The clustered layers of this many recent selections are kept for going back to them. */
  const RECENT_MAX = 3;
  /** Class of the map container in the full-window fallback (no Fullscreen API in the frame). */
  const PSEUDO_FULL = "em-pseudo-full";
  /** Marker events that bind an entry's details (fetched on demand) and open them. */
  const OPEN_EVENTS = "click keypress mouseover";
  const FULLSCREEN_SVG =
    '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">' +
    '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#000" ' +
    'stroke-width="2"/></svg>';

  const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

  /** Text as HTML (like Python's html.escape), for the places where Leaflet takes markup. */
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
  }

  /** The classes of a category's marker: shape by group (not colour alone). */
  function markerClass(cat) {
    return "em-marker em-" + cat.shape;
  }

  /** The coloured symbol of a category: inside every marker and in the legend. */
  function symbolHtml(cat) {
    return (
      '<span style="background:' +
      escapeHtml(cat.color) +
      ";color:" +
      escapeHtml(cat.text) +
      '"><b>' +
      escapeHtml(cat.symbol) +
      "</b></span>"
    );
  }

  /** The legend's content: a heading and one line per category with its marker. */
  function legendHtml(cfg) {
    const items = cfg.cats.map(
      (cat) =>
        '<li><span class="' +
        markerClass(cat) +
        '">' +
        symbolHtml(cat) +
        "</span><span>" +
        escapeHtml(cat.label) +
        "</span></li>",
    );
    return "<strong>" + escapeHtml(cfg.text.legend) + "</strong><ul>" + items.join("") + "</ul>";
  }

  /**
   * Popup details ([tooltip, popup] HTML) of the entries. They travel inline in the layer data
   * (`data.d`) or as chunk files `<data.u><n>.json` of `chunkSize` entries, fetched when a
   * marker of the chunk is first opened: one request per chunk, and every callback that asks
   * while it is on its way is served when it arrives.
   */
  class ChunkedDetails {
    constructor(fetch, chunkSize) {
      this.fetch = fetch;
      this.chunkSize = chunkSize;
      this.url = null;
      this.chunks = {};
      this.pending = {};
    }

    /** Forget the fetched chunks when the files' URL changes (new data); true if it did. */
    useUrl(url) {
      if (!url || url === this.url) {
        return false;
      }
      this.url = url;
      this.chunks = {};
      this.pending = {};
      return true;
    }

    /** Call `done` with the details of entry `key` of the layer `data` (maybe later). */
    get(data, key, done) {
      if (data.d) {
        done(data.d[key]);
        return;
      }
      const chunk = Math.floor(key / this.chunkSize);
      const index = key - chunk * this.chunkSize;
      // A reset while a chunk is on its way must not file it under the new URL.
      const chunks = this.chunks;
      const pending = this.pending;
      if (chunks[chunk]) {
        done(chunks[chunk][index]);
        return;
      }
      const waiting = pending[chunk] || (pending[chunk] = []);
      waiting.push((entries) => done(entries[index]));
      if (waiting.length > 1) {
        return;
      }
      const fetch = this.fetch;
      fetch(data.u + chunk + ".json")
        .then((response) => response.json())
        .then((entries) => {
          chunks[chunk] = entries;
          delete pending[chunk];
          waiting.forEach((serve) => serve(entries));
        });
    }
  }

  /**
   * The finished cluster layers of the last `max` selections, most recent first: going back to
   * one (unticking a filter again) swaps them in instead of clustering every entry anew.
   */
  class RecentLayers {
    constructor(max) {
      this.max = max;
      this.items = [];
    }

    /** Remove and return the entry of selection `id`, or null. */
    take(id) {
      const at = this.items.findIndex((item) => item.id === id);
      return at < 0 ? null : this.items.splice(at, 1)[0];
    }

    /** Put `item` ({id, ...}) first; the oldest beyond `max` are dropped. */
    add(item) {
      this.items.unshift(item);
      this.items.length = Math.min(this.items.length, this.max);
    }

    clear() {
      this.items = [];
    }
  }

  /** Whether a marker event opens the popup: a click or a key (Leaflet makes Enter a click). */
  function opensPopup(type) {
    return type === "click" || type === "keypress";
  }

  /**
   * On the first hover, click or key press on a marker whose details are not bound yet: get
   * them, bind tooltip and popup, then open the popup (click, key) or the tooltip (hover).
   */
  function openEntry(type, marker, details) {
    if (marker._emBound) {
      return;
    }
    details.get(marker._emData, marker._emKey, (entry) => {
      if (!entry) {
        return;
      }
      // A hover and then a click can both wait for the same chunk: the first to get it binds,
      // and the click still opens the popup.
      if (!marker._emBound) {
        marker._emBound = true;
        marker.unbindTooltip();
        marker.bindTooltip(entry[0]);
        marker.bindPopup(entry[1], { maxWidth: 320 });
      }
      if (opensPopup(type)) {
        marker.openPopup();
      } else if (!marker.isPopupOpen()) {
        marker.openTooltip();
      }
    });
  }

  /**
   * Listen for OPEN_EVENTS on a cluster layer: marker events reach it (the clusters' own become
   * "clusterclick", ...), so one listener per layer serves every marker in it.
   */
  function listenForOpen(layer, details) {
    layer.on(OPEN_EVENTS, (e) => {
      if (e.layer && e.layer._emData) {
        openEntry(e.type, e.layer, details);
      }
    });
  }

  /**
   * Full screen on and off for the map's container: the Fullscreen API where the page may use
   * it, else a fixed full-window box (an iframe without allowfullscreen has no API).
   */
  function toggleFullscreen(map, doc) {
    const el = map.getContainer();
    if (doc.fullscreenElement) {
      doc.exitFullscreen();
      return;
    }
    if (el.requestFullscreen && doc.fullscreenEnabled) {
      el.requestFullscreen().then(() => map.invalidateSize());
      return;
    }
    el.classList.toggle(PSEUDO_FULL, !el.classList.contains(PSEUDO_FULL));
    map.invalidateSize();
  }

  /** Leaflet GestureHandling on an embedded map: the page scrolls, the map zooms with Ctrl. */
  function enableGestures(map, text) {
    if (!map.gestureHandling) {
      return;
    }
    map.options.gestureHandlingOptions = { text: text, duration: 1500 };
    map.gestureHandling.enable();
  }

  /**
   * Set up the map once: one cluster layer per group in a layer control, the legend, the full
   * screen button; then `EM.fill(data)` shows a selection. Needs Leaflet (L) and MarkerCluster.
   */
  function setup(map, cfg) {
    const L = root.L;
    const doc = root.document;
    const details = new ChunkedDetails((url) => root.fetch(url), cfg.chunk);
    const recent = new RecentLayers(RECENT_MAX);
    const clusters = {};
    const control = L.control.layers(null, null, { collapsed: false, position: "topright" });
    let rev = 0;

    // One cluster layer per group; a fill replaces it by a new one (dropping the old layer is
    // much cheaper than clearing 20,000 markers out of it) and keeps the user's layer choice.
    function newCluster(group, old, reuse) {
      const cluster =
        reuse ||
        L.markerClusterGroup({
          chunkedLoading: true,
          chunkDelay: 5,
          showCoverageOnHover: false,
          maxClusterRadius: 45,
          spiderfyOnMaxZoom: true,
          chunkProgress(done, total) {
            if (done === total && cluster._emDone) {
              cluster._emDone();
            }
          },
        });
      if (!reuse) {
        listenForOpen(cluster, details);
      }
      cluster._emHidden = false;
      if (old) {
        cluster._emHidden = !map.hasLayer(old);
        control.removeLayer(old);
        map.removeLayer(old);
      }
      control.addOverlay(cluster, escapeHtml(group.label));
      clusters[group.key] = cluster;
      return cluster;
    }
    cfg.groups.forEach((group) => newCluster(group, null, null).addTo(map));
    control.addTo(map);

    const legend = L.control({ position: "bottomright" });
    legend.onAdd = () => {
      const div = L.DomUtil.create("div", "em-legend");
      div.setAttribute("role", "region");
      div.setAttribute("aria-label", cfg.text.legend);
      div.innerHTML = legendHtml(cfg);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    legend.addTo(map);

    const full = L.control({ position: "topleft" });
    full.onAdd = () => {
      const a = L.DomUtil.create("a", "em-fullscreen leaflet-bar");
      a.href = "#";
      a.setAttribute("role", "button");
      a.title = cfg.text.fullscreen;
      a.setAttribute("aria-label", cfg.text.fullscreen);
      a.innerHTML = FULLSCREEN_SVG;
      L.DomEvent.on(a, "click", (e) => {
        L.DomEvent.preventDefault(e);
        toggleFullscreen(map, doc);
      });
      return a;
    };
    full.addTo(map);
    doc.addEventListener("fullscreenchange", () => map.invalidateSize());

    const icons = cfg.cats.map((cat) =>
      L.divIcon({
        className: markerClass(cat),
        html: symbolHtml(cat),
        iconSize: [22, 22],
        iconAnchor: [11, 11],
        popupAnchor: [0, -10],
        tooltipAnchor: [10, 0],
      }),
    );

    function markersByGroup(data) {
      const buckets = {};
      const latlngs = [];
      const p = data.p;
      cfg.groups.forEach((group) => {
        buckets[group.key] = [];
      });
      for (let i = 0; i < p.length; i += 4) {
        const cat = cfg.cats[p[i + 2]];
        const key = p[i + 3];
        const latlng = [p[i], p[i + 1]];
        // Every marker gets an accessible name: the entry's name when it travels inline,
        // else its category (the name arrives with the popup data when it is opened).
        const marker = L.marker(latlng, {
          icon: icons[p[i + 2]],
          keyboard: true,
          alt: cat.label,
          title: data.d ? data.t[key] : cat.label,
        });
        marker._emData = data;
        marker._emKey = key;
        if (data.d) {
          marker.bindTooltip(data.d[key][0]);
          marker.bindPopup(data.d[key][1], { maxWidth: 320 });
          marker._emBound = true;
        }
        buckets[cat.group].push(marker);
        latlngs.push(latlng);
      }
      return { buckets: buckets, latlngs: latlngs };
    }

    /** Show the selection `data` ({p, d|u, t, f}); returns the (empty) layer Python names. */
    function fill(data) {
      const layer = L.featureGroup().addTo(map);
      const thisRev = ++rev;
      if (details.useUrl(data.u)) {
        recent.clear();
      }
      const id = data.f ? (data.u || "") + "|" + data.f : null;
      const seen = id ? recent.take(id) : null;
      const built = seen ? { buckets: null, latlngs: seen.latlngs } : markersByGroup(data);
      const latlngs = built.latlngs;
      // Zoom first (without animation), then cluster once for the final zoom: clustering
      // before the zoom would draw every cluster twice and animate 20,000 markers.
      if (latlngs.length) {
        map.fitBounds(L.latLngBounds(latlngs), { padding: [24, 24], maxZoom: 13, animate: false });
      }
      // Clustering runs in chunks (the page stays responsive with 20,000 entries); the body's
      // data-em-* attributes say when every layer is complete (tests and benchmark wait on it).
      let waiting = cfg.groups.length;
      function layerDone() {
        if (--waiting > 0 || thisRev !== rev) {
          return;
        }
        doc.body.setAttribute("data-em-count", String(latlngs.length));
        doc.body.setAttribute("data-em-rev", String(thisRev));
        doc.body.setAttribute("data-em-filter", data.f || "");
      }
      const groups = {};
      cfg.groups.forEach((group) => {
        const cluster = newCluster(group, clusters[group.key], seen && seen.groups[group.key]);
        groups[group.key] = cluster;
        if (seen) {
          cluster._emDone = null;
          if (!cluster._emHidden) {
            cluster.addTo(map);
          }
          layerDone();
          return;
        }
        const markers = built.buckets[group.key];
        cluster._emDone = () => {
          cluster._emDone = null;
          layerDone();
        };
        cluster.addLayers(markers, true);
        if (cluster._emHidden || !markers.length) {
          cluster._emDone();
        }
        if (!cluster._emHidden) {
          cluster.addTo(map);
        }
      });
      if (id) {
        recent.add({ id: id, groups: groups, latlngs: latlngs });
      }
      return layer;
    }

    EM.map = map;
    EM.cfg = cfg;
    EM.clusters = clusters;
    EM.details = details;
    EM.recent = recent;
    EM.fill = fill;
  }

  const EM = {
    setup: setup,
    gestures: enableGestures,
    escapeHtml: escapeHtml,
    symbolHtml: symbolHtml,
    legendHtml: legendHtml,
    ChunkedDetails: ChunkedDetails,
    RecentLayers: RecentLayers,
    opensPopup: opensPopup,
    openEntry: openEntry,
    listenForOpen: listenForOpen,
    toggleFullscreen: toggleFullscreen,
    RECENT_MAX: RECENT_MAX,
    PSEUDO_FULL: PSEUDO_FULL,
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = EM;
  }
  if (root.document) {
    root.EM = EM;
  }
})(typeof window !== "undefined" ? window : globalThis);
